// The derived layer: the candidate holdings of every grant, stored as (:Holding) nodes so
// that whoCan (and explain and compare through it) reads them by index instead of expanding
// the raw graph (types × places, successions, the delegation search) at every question.
// See docs/analyses.md, "Derived holdings", and docs/decisions.md.
//
// Consistency: an import derives inside its own switch-over transaction, so a reader sees
// the raw graph and its holdings change together. `(:Meta {id: 'derivedVersion'}).version`
// names the data version the holdings were derived for; when it differs from the data
// version (a write made behind the import's back moved it), the next import, or the next
// question (ensureDerived), derives everything again.
import fs from 'node:fs';
import path from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { projectRoot } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { stampAllActionSpans } from './actionSpans.js';

export const DERIVED_META = 'derivedVersion';
/** Grants derived per statement: bounded so that one statement's rows stay small. */
const GRANTS_PER_STATEMENT = 250;

const loaded = new Map<string, string>();
function cypherOf(name: 'holdings' | 'affected' | 'delegations'): string {
  let text = loaded.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(projectRoot, 'server', 'derive', `${name}.cypher`), 'utf8');
    loaded.set(name, text);
  }
  return text;
}

/** What one derive step did, for the import's result and the CLI. */
export interface DeriveReport {
  /** Wall time of the step, seconds. */
  seconds: number;
  /** Grants whose holdings were derived again. */
  grants: number;
  /** Holdings written. */
  holdings: number;
  /** True when every grant was derived (the layer was missing or stale), not only those the import could affect. */
  full: boolean;
}

async function versions(tx: ManagedTransaction): Promise<{ data: number; derived: number }> {
  const result = await tx.run(
    `OPTIONAL MATCH (m:Meta {id: 'dataVersion'}) OPTIONAL MATCH (d:Meta {id: $derived})
     RETURN coalesce(m.version, 0) AS data, coalesce(d.version, 0) AS derived`,
    { derived: DERIVED_META },
  );
  const row = result.records[0];
  return { data: Number(row.get('data')), derived: Number(row.get('derived')) };
}

/** Marks the holdings as derived for `version`. */
export async function markDerived(tx: ManagedTransaction, version: number): Promise<void> {
  await tx.run('MERGE (d:Meta {id: $derived}) SET d.version = $version', { derived: DERIVED_META, version });
}

/**
 * The grants whose holdings may change when the nodes `ids` change: those whose expansion
 * reads them (affected.cypher), then those whose delegations may (delegations.cypher).
 * Read on the graph as it stands in `tx`.
 */
export async function affectedGrants(tx: ManagedTransaction, ids: string[]): Promise<Set<string>> {
  const grants = new Set<string>();
  if (!ids.length) return grants;
  const first = await tx.run(cypherOf('affected'), { ids });
  const touched = (first.records[0]?.get('grants') as string[] | undefined) ?? [];
  for (const id of touched) grants.add(id);
  // A change that reaches most grants (a first import) derives them all: the delegation step would cost more than it saves.
  const all = await tx.run('MATCH (g:Grant) RETURN collect(g.id) AS ids');
  const every = (all.records[0]?.get('ids') as string[] | undefined) ?? [];
  if (every.length > 1000 && touched.length * 2 >= every.length) return new Set(every);
  const second = await tx.run(cypherOf('delegations'), { grants: touched, bodies: ids });
  for (const id of (second.records[0]?.get('grants') as string[] | undefined) ?? []) grants.add(id);
  return grants;
}

/** Deletes the holdings of `grants` and derives them again from the graph in `tx`; returns the holdings written. */
export async function deriveGrants(tx: ManagedTransaction, grants: Iterable<string>): Promise<number> {
  const ids = [...grants].sort();
  let holdings = 0;
  for (let i = 0; i < ids.length; i += GRANTS_PER_STATEMENT) {
    const batch = ids.slice(i, i + GRANTS_PER_STATEMENT);
    await tx.run('UNWIND $grants AS id MATCH (h:Holding {grantId: id}) DELETE h', { grants: batch });
    const result = await tx.run(cypherOf('holdings'), { grants: batch });
    holdings += Number(result.records[0]?.get('holdings') ?? 0);
  }
  return holdings;
}

/** Derives every grant's holdings afresh, in `tx`. */
export async function deriveAll(tx: ManagedTransaction): Promise<{ grants: number; holdings: number }> {
  await tx.run('MATCH (h:Holding) DELETE h');
  const result = await tx.run('MATCH (g:Grant) RETURN collect(g.id) AS ids');
  const ids = (result.records[0]?.get('ids') as string[] | undefined) ?? [];
  return { grants: ids.length, holdings: await deriveGrants(tx, ids) };
}

/**
 * The derive step of one import, in its switch-over transaction: `before` reads, on the
 * graph as it was, which grants the nodes the import changes or drops reach; `after`, once
 * the import's writes are done, adds those the new and changed nodes reach, derives them,
 * and marks the holdings as derived for the new data version. When the holdings were not
 * current before the import, every grant is derived.
 */
export class ImportDerivation {
  private current = false;
  private all = false;
  private readonly before_ = new Set<string>();
  /** Time spent deriving, ms: the import's own writes between `before` and `after` are not counted. */
  private spent = 0;

  constructor(private readonly ids: { changed: string[]; added: string[]; dropped: string[] }) {}

  async before(tx: ManagedTransaction): Promise<void> {
    const started = Date.now();
    // A reader's rebuild running now finishes first (imports are already one at a time: importBundle's lease).
    await lockDerived(tx);
    const v = await versions(tx);
    this.current = v.data === v.derived;
    // Decided once, on the graph before the switch: an incremental derive needs what the old relationships reached.
    this.all = this.current && (await this.wide(tx));
    if (this.current && !this.all) for (const id of await affectedGrants(tx, [...this.ids.changed, ...this.ids.dropped])) this.before_.add(id);
    this.spent += Date.now() - started;
  }

  /** An import of more nodes than there are grants (a first import of a big case) derives them all: finding the few it could skip costs more. */
  private async wide(tx: ManagedTransaction): Promise<boolean> {
    const size = this.ids.changed.length + this.ids.added.length + this.ids.dropped.length;
    if (size <= 1000) return false;
    const result = await tx.run('RETURN COUNT { (:Grant) } AS n');
    return size >= Number(result.records[0].get('n'));
  }

  async after(tx: ManagedTransaction, version: number): Promise<DeriveReport> {
    const started = Date.now();
    let grants: number;
    let holdings: number;
    if (this.all) {
      ({ grants, holdings } = await deriveAll(tx));
    } else if (this.current) {
      const affected = await affectedGrants(tx, [...this.ids.changed, ...this.ids.added]);
      for (const id of this.before_) affected.add(id);
      grants = affected.size;
      holdings = await deriveGrants(tx, affected);
    } else {
      ({ grants, holdings } = await deriveAll(tx));
    }
    await markDerived(tx, version);
    this.spent += Date.now() - started;
    return { seconds: this.spent / 1000, grants, holdings, full: !this.current };
  }
}

/**
 * Takes the derive lock: a write lock on the derivedVersion node, held until `tx` ends. Every
 * transaction that derives (an import's switch-over, a rebuild for readers) takes it before
 * it reads the versions, so two rebuilds never run at once (each would delete the other's
 * holdings and write its own: duplicates), and the second, once it has the lock, sees the
 * first one's committed version and has nothing left to do.
 */
export async function lockDerived(tx: ManagedTransaction): Promise<void> {
  await tx.run('MERGE (d:Meta {id: $derived}) ON CREATE SET d.version = 0 SET d.deriving = true REMOVE d.deriving', { derived: DERIVED_META });
}

/** Whether the holdings are derived for the current data version: one read of two index entries. */
export async function derivedCurrent(db: Database): Promise<boolean> {
  const v = await db.read(versions);
  return v.data === v.derived;
}

/**
 * Derives everything again when the holdings do not match the data version (a write moved it
 * without deriving), under the derive lock; a reader that finds them stale calls it.
 */
export async function rebuildDerived(db: Database): Promise<DeriveReport | null> {
  const started = Date.now();
  return db.write(async (tx) => {
    await lockDerived(tx);
    const now = await versions(tx);
    if (now.data === now.derived) return null;
    const { grants, holdings } = await deriveAll(tx);
    await stampAllActionSpans(tx);
    await markDerived(tx, now.data);
    return { seconds: (Date.now() - started) / 1000, grants, holdings, full: true };
  }, 30 * 60_000);
}

/**
 * For readers: derives everything when the holdings do not match the data version. Cheap when
 * they match: one read of two index entries. whoCan runs the check beside its first queries
 * (derivedCurrent) rather than before them; nothing is remembered in the process, so a second
 * server's import is seen at the next question.
 */
export async function ensureDerived(db: Database): Promise<DeriveReport | null> {
  if (await derivedCurrent(db)) return null;
  return rebuildDerived(db);
}
