// Writes a case bundle to Neo4j, all of it or nothing, at any size.
//
// How (docs/bundle-format.md, "How an import is written"):
//   1. read the bundle part by part (an NDJSON bundle line by line) and note every id;
//   2. validate each part against the model and the database, and write its new nodes as
//      *staged* nodes: label `ImportStaged_<Label>` with their id, so no question,
//      which matches nodes by model labels, can see them; relationships among staged nodes
//      are written too, in large batched transactions;
//   3. in one final transaction, the switch: staged nodes take their real label,
//      changed nodes are overwritten, relationships to nodes that were already there are
//      written, dropped nodes leave the case, and the data version moves on.
// A refused, failed or killed import leaves only staged nodes, which the next import (or
// the failing one) sweeps away; the case answers as it did before until the switch commits.
// Each node's content digest is kept on its IN_CASE relationship, so nodes that have not
// changed are not written at all, and an unchanged bundle writes nothing.
//
// The import is built in three layers: importState.ts (what it knows and counts),
// importReading.ts (passes 1 and 2: read, check, stage) and this file (the switch and the lease).
import type { ManagedTransaction } from 'neo4j-driver';
import { NODES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { SHARED_VOCABULARY, bundleRelations } from './bundleShape.js';
import { streamOf, type BundleStream } from './bundleStream.js';
import { recordWrite, UNKNOWN_WRITER } from './auditLog.js';
import { bundleFromData, type ParsedBundle } from './parse.js';
import { deriveAfterImport } from './deriveAfterImport.js';
import { ImportReading } from './importReading.js';
import { RelationGroups, STAGED, chunks, type ChangedNode, type ImportResult, type ImportOptions } from './importState.js';
import { renewEvery } from '../neo4j/renewEvery.js';
import { ImportDerivation } from '../derive/derive.js';
import { spanClassSet } from '../derive/actionSpans.js';
import { CASE_DIGEST_META, identify, unchangedCounts, type BundleIdentity } from './importUnchanged.js';

export type { ImportProgress, ImportOptions, ImportCounts, ImportResult } from './importState.js';

/** Another import holds the database; imports run one at a time. */
export class ImportBusyError extends Error {
  readonly code = 'IMPORT_BUSY';
  constructor(caseId: string) {
    super(`Another import (of case "${caseId}") is running on this database: wait for it to finish, then import again.`);
  }
}

const DEFAULT_STALE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const LEASE = 'importLease';

type Input = ParsedBundle | BundleStream | unknown;

export async function importBundle(db: Database, input: Input, options: ImportOptions = {}): Promise<ImportResult> {
  const stream = isStream(input) ? input : streamOf(isParsed(input) ? input : bundleFromData(input));
  return deriveAfterImport(db, await new BundleImport(db, stream, options).run(), options);
}

function isParsed(value: unknown): value is ParsedBundle {
  return typeof value === 'object' && value !== null && 'lineOf' in value && 'data' in value && 'problems' in value;
}
function isStream(value: unknown): value is BundleStream {
  return typeof value === 'object' && value !== null && typeof (value as BundleStream).parts === 'function';
}

const stagingIndexed = new WeakSet<Database>();

// ---------------------------------------------------------------- one import

class BundleImport extends ImportReading {
  private identity?: BundleIdentity;

  async run(): Promise<ImportResult> {
    this.identity = await identify(this.stream);
    if (this.identity) {
      const unchanged = await unchangedCounts(this.db, this.identity, this.timeoutMs);
      this.mark('looked for an unchanged bundle');
      if (unchanged) {
        // The same bundle as the case's last import, and the case as that import left it: nothing to read, check or write.
        this.caseId = this.identity.caseId;
        for (const [label, n] of Object.entries(unchanged.counts)) this.counts.nodes[label] = { created: 0, updated: 0, unchanged: n };
        return this.result(true, unchanged.version);
      }
    }
    await this.scan();
    this.mark('scanned');
    if (this.problems.length) return this.result(false);
    await this.readDatabase();
    this.mark('read the database');
    await this.checkOwnership();
    if (this.problems.length) return this.result(false);
    if (this.dryRun) {
      await this.checkAndStage();
      return this.result(!this.problems.length);
    }
    await this.acquireLease();
    try {
      await this.checkAndStage();
      if (this.problems.length) {
        await this.sweepStaged();
        return this.result(false);
      }
      this.mark('checked and staged');
      await this.flushDeferred();
      this.mark('staged deferred relationships');
      const version = await this.switchOver();
      this.mark('switched over');
      return this.result(true, version);
    } catch (error) {
      await this.sweepStaged().catch(() => {});
      throw error;
    } finally {
      await this.releaseLease().catch(() => {});
    }
  }

  private async flushDeferred() {
    const writes = [...this.deferred.groups.values()].flatMap((group) => this.relationWrites(group, true));
    this.deferred.clear();
    await this.writeInTransactions(writes, 'staging relationships');
  }

  // ------------------------------------------------------------ the switch

  private async switchOver(): Promise<number> {
    const dropped = [...this.memberLabel.keys()].filter((id) => !this.labelOf.has(id));
    const nothingToDo = !this.staged.size && !this.changed.length && !this.toReal.size && !dropped.length && !this.caseChanged;
    if (nothingToDo) return this.version;

    const total = this.staged.size + this.changed.length + this.toReal.size + dropped.length;
    let done = 0;
    const step = (rows: number, facts = rows) => {
      done += rows;
      this.written += facts;
      this.progress('switching over', Math.min(done, total), total);
    };
    // The derived holdings change in the same transaction as the graph they are derived from.
    const derivation = new ImportDerivation({ changed: this.changed.map((n) => n.id), added: [...this.staged], dropped });
    return this.db.write(async (tx) => {
      await derivation.before(tx);
      // Staged nodes become real, all at once, inside this transaction: they carry their id already, so only the label changes.
      for (const label of this.stagedLabels) {
        const result = await tx.run(`MATCH (n:${STAGED(label)}) SET n:${label} REMOVE n:${STAGED(label)} RETURN count(n) AS n`);
        step(Number(result.records[0].get('n')), 0); // written once already, when staged
      }
      if (this.caseChanged && this.caseRow) {
        await tx.run('MATCH (c:Case {id: $id}) SET c = $props', { id: this.caseId, props: this.caseRow.props });
      }
      await this.writeChanged(tx, step);
      for (const group of this.toReal.groups.values()) {
        for (const [cypher, params, rows] of this.relationWrites(group, false)) {
          await tx.run(cypher, params);
          step(rows);
        }
      }
      this.counts.removed = await removeDroppedNodes(tx, this.caseId, dropped);
      step(dropped.length, this.counts.removed);
      const meta = await tx.run(
        `MERGE (m:Meta {id: 'dataVersion'})
         WITH m, coalesce(m.version, 0) AS before
         SET m.version = before + 1, m.updatedAt = datetime(),
             m.digestsFrom = CASE WHEN m.importedVersion IS NULL OR m.importedVersion <> before OR before <> $started
                                  THEN before + 1 ELSE coalesce(m.digestsFrom, 0) END,
             m.importedVersion = before + 1
         WITH m
         MERGE (d:Meta {id: $digestId})
         SET d.digest = $caseDigest, d.digestVersion = m.version, d.bundleDigest = $bundleDigest, d.bundleCounts = $bundleCounts
         RETURN m.version AS version`,
        {
          started: this.version,
          digestId: CASE_DIGEST_META(this.caseId),
          caseDigest: this.caseRow?.digest ?? null,
          // What lets the next import of this same bundle know it at once (importUnchanged.ts); none when the stream cannot tell.
          bundleDigest: this.identity?.caseId === this.caseId ? this.identity.digest : null,
          bundleCounts: JSON.stringify(
            Object.fromEntries(Object.entries(this.counts.nodes).map(([label, c]) => [label, c.created + c.updated + c.unchanged])),
          ),
        },
      );
      const version = Number(meta.records[0].get('version'));
      this.derived = await derivation.after(tx, version);
      const nodes = Object.values(this.counts.nodes);
      const sum = (what: 'created' | 'updated' | 'unchanged') => nodes.reduce((n, c) => n + c[what], 0);
      await recordWrite(
        tx,
        this.options.writer ?? UNKNOWN_WRITER,
        this.caseId,
        {
          created: sum('created'),
          updated: sum('updated'),
          unchanged: sum('unchanged'),
          removed: this.counts.removed,
          relations: Object.values(this.counts.relations).reduce((n, c) => n + c, 0),
        },
        version,
      );
      // The lease ends with the switch, in the same transaction.
      await tx.run(`MATCH (m:Meta {id: '${LEASE}', importId: $importId}) DELETE m`, { importId: this.importId });
      return version;
    }, this.timeoutMs);
  }

  private async writeChanged(tx: ManagedTransaction, step: (rows: number) => void) {
    const byLabel = new Map<string, ChangedNode[]>();
    for (const node of this.changed) (byLabel.get(node.label) ?? byLabel.set(node.label, []).get(node.label)!).push(node);
    const relations = new RelationGroups();
    for (const [label, nodes] of byLabel) {
      const types = [...new Set([...bundleRelations(label).map((r) => r.type), 'EVIDENCED_BY'])];
      for (const batch of chunks(nodes)) {
        await tx.run(
          `UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n = row.props${spanClassSet(label, 'n')}
           WITH n, row
           OPTIONAL MATCH (n)-[old]->() WHERE type(old) IN $types DELETE old`,
          { rows: batch.map((n) => ({ id: n.id, props: n.props })), types },
        );
        // The digest goes on every IN_CASE of the node: another case's import of it must notice the new content.
        await tx.run(
          `UNWIND $rows AS row MATCH (n:${label} {id: row.id}) MATCH (c:Case {id: $caseId})
           MERGE (n)-[:IN_CASE]->(c)
           WITH n, row MATCH (n)-[r:IN_CASE]->() SET r.digest = row.digest, r.digestVersion = $at`,
          { rows: batch.map((n) => ({ id: n.id, digest: n.digest })), caseId: this.caseId, at: this.version + 1 },
        );
        for (const node of batch) {
          if (node.joins) this.countRelation('IN_CASE');
          for (const r of node.relations) relations.add(r);
        }
        step(batch.length);
      }
    }
    for (const group of relations.groups.values()) {
      for (const [cypher, params] of this.relationWrites(group, false)) await tx.run(cypher, params);
    }
    this.written += relations.size;
  }

  // ------------------------------------------------------------ one import at a time

  private async acquireLease() {
    if (!stagingIndexed.has(this.db)) {
      for (const { label } of NODES) {
        const name = label.toLowerCase();
        await this.db.write(
          (tx) => tx.run(`CREATE RANGE INDEX import_staged_id_${name} IF NOT EXISTS FOR (n:${STAGED(label)}) ON (n.id)`),
          this.timeoutMs,
        );
        // Staged nodes kept their id as `stagedId` before; that index has nothing left to find.
        await this.db.write((tx) => tx.run(`DROP INDEX import_staged_${name} IF EXISTS`), this.timeoutMs);
      }
      await this.db.write((tx) => tx.run('CALL db.awaitIndexes(120)'), this.timeoutMs);
      stagingIndexed.add(this.db);
    }
    const staleMs = this.options.staleAfterMs ?? DEFAULT_STALE_MS;
    const holder = await this.db.write(async (tx) => {
      const result = await tx.run(
        `MERGE (m:Meta {id: '${LEASE}'})
         WITH m, m.importId IS NOT NULL AND m.heartbeat > timestamp() - $staleMs AS busy
         WITH m, busy, m.caseId AS holder, m.importId IS NOT NULL AND NOT busy AS abandoned
         SET m.importId = CASE WHEN busy THEN m.importId ELSE $importId END,
             m.caseId = CASE WHEN busy THEN m.caseId ELSE $caseId END,
             m.heartbeat = CASE WHEN busy THEN m.heartbeat ELSE timestamp() END
         RETURN busy, holder`,
        { staleMs, importId: this.importId, caseId: this.caseId },
      );
      const row = result.records[0];
      return row.get('busy') ? (row.get('holder') as string) : null;
    }, this.timeoutMs);
    if (holder !== null) throw new ImportBusyError(holder);
    // A killed import leaves its staged nodes behind; they go before anything is staged again.
    await this.sweepStaged();
    // One beat at a time (renewEvery): a beat waits for the switch-over's commit, which deletes the lease.
    this.stopHeartbeat = renewEvery(this.options.heartbeatMs ?? HEARTBEAT_MS, () =>
      this.db.write((tx) =>
        tx.run(`MATCH (m:Meta {id: '${LEASE}', importId: $importId}) SET m.heartbeat = timestamp()`, { importId: this.importId }),
      ),
    );
  }

  private async releaseLease() {
    // Not waited for: a beat under way finds no lease once the switch-over has committed.
    void this.stopHeartbeat?.();
    await this.db.write((tx) => tx.run(`MATCH (m:Meta {id: '${LEASE}', importId: $importId}) DELETE m`, { importId: this.importId }), this.timeoutMs);
  }

  /** Deletes staged nodes in transactions of their own (CALL { } IN TRANSACTIONS needs an implicit transaction). */
  private async sweepStaged() {
    const session = this.db.driver.session({ database: this.db.name });
    try {
      for (const { label } of NODES) {
        await session.run(`MATCH (n:${STAGED(label)}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`);
      }
    } finally {
      await session.close();
    }
  }
}

/**
 * Nodes the case listed before but the bundle no longer does leave the case; those that
 * belong to no other case go, except shared vocabulary still pointed at from elsewhere.
 */
async function removeDroppedNodes(tx: ManagedTransaction, caseId: string, ids: string[]): Promise<number> {
  let removed = 0;
  for (const batch of chunks(ids, 10_000)) {
    const result = await tx.run(
      `MATCH (n)-[r:IN_CASE]->(:Case {id: $caseId}) WHERE n.id IN $ids
       DELETE r
       WITH DISTINCT n
       WHERE NOT EXISTS { (n)-[:IN_CASE]->() }
         AND NOT ((n:${SHARED_VOCABULARY.join(' OR n:')}) AND EXISTS { ()-[]->(n) })
       DETACH DELETE n
       RETURN count(*) AS removed`,
      { caseId, ids: batch },
    );
    removed += Number(result.records[0]?.get('removed') ?? 0);
  }
  return removed;
}
