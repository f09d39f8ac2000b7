// The state of one import (server/bundle/importBundle.ts): what the bundle holds, what the
// database holds, what is left for the switch, and the counts and problems it reports; with the
// row helpers both the staging (importReading.ts) and the switch (importBundle.ts) write with.
import { randomUUID } from 'node:crypto';
import { NODES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import type { BundleStream } from './bundleStream.js';
import type { Writer } from './auditLog.js';
import type { Problem } from './problem.js';
import type { FindingsDeriveReport } from '../analyses/derived/deriveFindings.js';
import type { ExistingIds } from './validate.js';
import type { DeriveReport } from '../derive/derive.js';

export interface ImportProgress {
  /** What is being done: `checking and staging`, `staging relationships` or `switching over`. */
  step: string;
  done: number;
  total: number;
  /** Nodes and relationships written so far (facts), for a facts-per-second figure. */
  written: number;
}

export interface ImportOptions {
  /** Validate against the database and count, but write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Timeout of each write transaction, the final switch included. */
  timeoutMs?: number;
  /** An import whose heartbeat is older than this is taken to be dead, and its staged nodes are swept. */
  staleAfterMs?: number;
  /** How often a running import renews its lease (5 s unless a test asks otherwise); one renewal at a time. */
  heartbeatMs?: number;
  /** Who writes, for the audit log (server/bundle/auditLog.ts). */
  writer?: Writer;
  /**
   * When the findings of the cases the import affected are computed and stored
   * (server/bundle/deriveAfterImport.ts): 'now' (the default) before the import returns;
   * 'later' leaves them stale, so the first reader of each set computes and stores it (for
   * seeding and tests that never ask gaps: the import does not pay for what nobody reads).
   */
  findings?: 'now' | 'later';
}

export interface ImportCounts {
  /** Nodes per label: created now, already there and overwritten, or already there and unchanged (not written). */
  nodes: Record<string, { created: number; updated: number; unchanged: number }>;
  /** Relationships written per type, EVIDENCED_BY and IN_CASE included. */
  relations: Record<string, number>;
  /** Nodes that left the case because the bundle no longer lists them, and belonged to no other case. */
  removed: number;
}

export interface ImportResult {
  ok: boolean;
  caseId?: string;
  dryRun: boolean;
  problems: Problem[];
  counts: ImportCounts;
  /** The data version after this import; absent on a dry run or a refusal. Unchanged when nothing was written. */
  dataVersion?: number;
  /** Nodes and relationships written (0 for an unchanged bundle). */
  written?: number;
  /** The derive step (server/derive/): the holdings of the grants this import could affect, derived again; absent when nothing was written. */
  derivedHoldings?: DeriveReport;
  /** The derive step after the import (server/bundle/deriveAfterImport.ts): the findings of the cases it affected, stored for gaps, and how long it took. */
  derivedFindings?: FindingsDeriveReport;
}

const BATCH = 2000;
/** Rows written per staging transaction. */
const TRANSACTION_ROWS = 20_000;
const DEFAULT_TIMEOUT_MS = 30 * 60_000;
export const STAGED = (label: string) => `ImportStaged_${label}`;

// ---------------------------------------------------------------- rows

export interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}
export interface RelationRow {
  from: string;
  to: string;
  props: Record<string, unknown>;
}
export interface Relation extends RelationRow {
  type: string;
  fromLabel: string;
  toLabel: string;
}
export interface PlannedItem {
  id: string;
  label: string;
  props: Record<string, unknown>;
  relations: Relation[];
  digest: string;
  state: 'new' | 'changed' | 'unchanged';
}
export interface ChangedNode {
  label: string;
  id: string;
  props: Record<string, unknown>;
  relations: Relation[];
  digest: string;
  joins: boolean;
}

/** Rows grouped by relationship type and end labels, each group one Cypher statement. */
export class RelationGroups {
  readonly groups = new Map<string, { type: string; fromLabel: string; toLabel: string; rows: RelationRow[] }>();
  size = 0;
  add(r: Relation) {
    const key = `${r.type}|${r.fromLabel}|${r.toLabel}`;
    if (!this.groups.has(key)) this.groups.set(key, { type: r.type, fromLabel: r.fromLabel, toLabel: r.toLabel, rows: [] });
    this.groups.get(key)!.rows.push({ from: r.from, to: r.to, props: r.props });
    this.size += 1;
  }
  clear() {
    this.groups.clear();
    this.size = 0;
  }
}

/**
 * Rows sent as lists, not maps: each row's lead values (its id, or its ends), then its property
 * values in one sorted order of every key the rows use; the map reads them back by position
 * (`{key: row[2], …}`; a null value sets nothing). Lists spare the driver packing, and Neo4j
 * unpacking, every key of every row; batches with the same keys give the same text, which Neo4j
 * plans once and caches.
 */
export function packRows<T extends { props: Record<string, unknown> }>(
  rows: T[],
  lead: (row: T) => unknown[],
  leadNames: string[] = [],
): { map: string; rows: unknown[][] } {
  const keys = new Set<string>();
  for (const row of rows) for (const key in row.props) keys.add(key);
  const sorted = [...keys].sort();
  const at = lead(rows[0] ?? ({ props: {} } as T)).length;
  const entries = [...leadNames.map((k, i) => [k, i] as const), ...sorted.map((k, i) => [k, at + i] as const)];
  return {
    map: `{${entries.map(([k, i]) => `\`${k}\`: row[${i}]`).join(', ')}}`,
    rows: rows.map((row) => {
      const values = lead(row);
      for (const key of sorted) values.push(row.props[key] ?? null);
      return values;
    }),
  };
}

/** One statement: its Cypher, its parameters, and how many rows (facts) it writes. */
export type Write = [cypher: string, params: Record<string, unknown>, rows: number];

export function* chunks<T>(rows: T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export abstract class ImportState {
  protected readonly dryRun: boolean;
  protected readonly timeoutMs: number;
  protected readonly importId = randomUUID();
  protected readonly counts: ImportCounts = { nodes: {}, relations: {}, removed: 0 };
  protected readonly problems: Problem[] = [];
  private problemKeys = new Set<string>();
  protected written = 0;
  /** What the derive step did, once the switch-over has run. */
  protected derived?: DeriveReport;
  /** Stops renewing the import's lease (importBundle.ts acquireLease). */
  protected stopHeartbeat?: () => Promise<void>;

  // What the bundle holds (pass 1).
  protected caseId = '';
  protected readonly labelOf = new Map<string, string>();
  protected readonly lineOf = new Map<string, number>();
  protected readonly pathOf = new Map<string, string>();
  protected file = '';
  protected totalItems = 0;
  /** Ids referenced before (or without) their definition in the bundle. */
  protected readonly pointedAt = new Set<string>();

  // What the database holds.
  protected existing = new Map<string, Set<string>>();
  /** Members of the case: id → label, and the digest when it can be trusted. */
  protected readonly memberLabel = new Map<string, string>();
  protected readonly memberDigest = new Map<string, string | null>();
  protected version = 0;
  protected digestsTrusted = true;
  protected caseDigest: string | null = null;

  // What is left for the switch.
  protected readonly staged = new Set<string>();
  protected stagedLabels = new Set<string>();
  protected readonly deferred = new RelationGroups();
  protected readonly toReal = new RelationGroups();
  protected readonly changed: ChangedNode[] = [];
  protected caseChanged = false;
  protected caseRow?: { props: Record<string, unknown>; digest: string };

  constructor(
    protected readonly db: Database,
    protected readonly stream: BundleStream,
    protected readonly options: ImportOptions,
  ) {
    this.dryRun = Boolean(options.dryRun);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  protected result(ok: boolean, dataVersion?: number): ImportResult {
    const problems = [...this.problems].sort((a, b) => a.line - b.line || a.path.localeCompare(b.path));
    return {
      ok,
      dryRun: this.dryRun,
      problems,
      counts: this.counts,
      ...(this.caseId ? { caseId: this.caseId } : {}),
      ...(ok && !this.dryRun ? { dataVersion, written: this.written } : {}),
      ...(ok && this.derived ? { derivedHoldings: this.derived } : {}),
    };
  }

  protected report(problems: Problem[]) {
    for (const p of problems) {
      const key = `${p.line}|${p.path}|${p.message}`;
      if (this.problemKeys.has(key)) continue;
      this.problemKeys.add(key);
      this.problems.push(p);
    }
  }

  protected progress(step: string, done: number, total: number) {
    this.options.onProgress?.({ step, done, total, written: this.written });
  }

  protected mark(what: string) {
    if (process.env.QUANZE_IMPORT_TIMING) process.stderr.write(`[import] ${what} ${Date.now() - this.started} ms\n`);
  }
  private readonly started = Date.now();

  /**
   * What the database holds, plus what other parts of this bundle define: checks that look a
   * node up through `existing` only (a condition's body) must find it on another line too.
   */
  protected existingOrElsewhere(): ExistingIds {
    if (this.mergedExisting) return this.mergedExisting;
    const merged = new Map<string, ReadonlySet<string>>();
    for (const { label } of NODES) {
      const stored = this.existing.get(label);
      merged.set(label, { has: (id: string) => (stored?.has(id) ?? false) || this.labelOf.get(id) === label } as ReadonlySet<string>);
    }
    return (this.mergedExisting = merged);
  }
  private mergedExisting?: ExistingIds;

  protected remember(label: string, id: string) {
    if (!this.existing.has(label)) this.existing.set(label, new Set());
    this.existing.get(label)!.add(id);
  }

  protected exists(label: string, id: string) {
    return this.existing.get(label)?.has(id) ?? false;
  }

  /** The label a reference points at: the bundle's own, else shared vocabulary already in the database. */
  protected targetLabel(id: string, allowed: readonly string[]): string {
    return this.labelOf.get(id) ?? allowed.find((label) => this.exists(label, id)) ?? allowed[0];
  }

  protected tally(label: string, what: 'created' | 'updated' | 'unchanged') {
    (this.counts.nodes[label] ??= { created: 0, updated: 0, unchanged: 0 })[what] += 1;
  }

  protected countRelation(type: string) {
    this.counts.relations[type] = (this.counts.relations[type] ?? 0) + 1;
  }

  protected relationWrites(group: { type: string; fromLabel: string; toLabel: string; rows: RelationRow[] }, staged: boolean): Write[] {
    const [a, b] = staged
      ? [`(a:${STAGED(group.fromLabel)} {id: row[0]})`, `(b:${STAGED(group.toLabel)} {id: row[1]})`]
      : [`(a:${group.fromLabel} {id: row[0]})`, `(b:${group.toLabel} {id: row[1]})`];
    for (let i = 0; i < group.rows.length; i++) this.countRelation(group.type);
    // Labels and types come from model.ts, never from the bundle, so interpolating them is safe.
    return [...chunks(group.rows)].map((batch) => {
      const packed = packRows(batch, (row) => [row.from, row.to]);
      return [`UNWIND $rows AS row MATCH ${a} MATCH ${b} CREATE (a)-[r:${group.type} ${packed.map}]->(b)`, { rows: packed.rows }, batch.length];
    });
  }

  /**
   * Runs statements in transactions of about TRANSACTION_ROWS rows each, keeping the lease alive.
   * With a step, reports its rows done of its rows to write after each transaction; without one,
   * the caller reports progress in its own unit (items checked), which the facts written join.
   */
  protected async writeInTransactions(writes: Write[], step?: string) {
    const total = writes.reduce((n, w) => n + w[2], 0);
    let done = 0;
    let i = 0;
    while (i < writes.length) {
      const group: Write[] = [];
      let rows = 0;
      while (i < writes.length && (rows === 0 || rows + writes[i][2] <= TRANSACTION_ROWS)) {
        rows += writes[i][2];
        group.push(writes[i++]);
      }
      // Sent one after the other without waiting for each answer (the driver pipelines them): Neo4j runs them in order.
      await this.db.write((tx) => Promise.all(group.map(([cypher, params]) => tx.run(cypher, params))), this.timeoutMs);
      this.written += rows;
      done += rows;
      if (step) this.progress(step, done, total);
    }
  }
}
