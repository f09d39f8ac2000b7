// A set of findings stored as its batches come (gaps/batches.ts), unordered, then put in the
// answer's order at the end: what storeFindings (./findingsStore.ts) does for a set computed
// whole, without ever holding the whole set. The same generations, claim and switch-over: no
// reader sees the new generation until the switch-over; a store that fails leaves the
// previous set answering, and the next store of the set removes what it wrote.
//
// Kept in memory per finding: what the answer is ordered by (severity, people affected,
// title, id), its kind (for the totals) and whether it has a detail that would tell two alike
// titles apart. The detail itself (about a third of what a finding's keys took) waits on the
// finding's node (detailEn, detailZh) and is read back only for the findings whose titles read
// alike. At the end those are told apart and the findings ordered by the steps gaps.ts takes in
// memory (gaps/answerOrder.ts alikeOf, tellApart, inAnswerOrder, on the keys); the JSON of
// those told apart is rewritten and the ranks written back, a batch per transaction, and the
// set switched over with its totals.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../neo4j/database.js';
import { alikeOf, inAnswerOrder, tellApart, unranked } from '../gaps/answerOrder.js';
import type { Finding, GapKind, Question, Ranked } from '../gaps/finding.js';
import { countsOf } from '../gaps.js';
import { claimSet, keepClaim, lostClaim, release } from './findingsClaim.js';
import { BATCH, generationKey, removeOrphans, setKey, switchOver, tidyUp, type StoreOptions } from './findingsStore.js';

interface Keys {
  id: string;
  kind: GapKind;
  severity: Finding['severity'];
  affected: number;
  title: string;
  /** Whether the finding's node holds a detail (detailEn, detailZh). */
  hasDetail: boolean;
}

/**
 * The string as one flat piece of memory: a title built from parts (a tree of pieces in V8)
 * would otherwise keep its parts for as long as the key is kept.
 */
const flat = (text: string): string => (' ' + text).slice(1);

/** One set (case and reading) being stored a batch at a time; open, write each batch, then finish (or abandon). */
export class BatchedSetWriter {
  private readonly keys = new Map<string, Keys>();
  /** Provisional ranks, in the order written (none is read before the final ranks replace them). */
  private written = 0;
  private readonly key: string;
  private readonly own: string;
  private readonly batch: number;
  /** Stops the timer that renews the claim: called on every way out (finish, abandon). */
  private readonly stopRenewing: () => Promise<void>;

  private constructor(
    private readonly db: Database,
    private readonly q: Question,
    private readonly version: number,
    private readonly generation: string,
    private readonly options: StoreOptions,
  ) {
    this.key = setKey(q.case, q.reading);
    this.own = generationKey(this.key, generation);
    this.batch = options.batch ?? BATCH;
    this.stopRenewing = keepClaim(db, this.key, generation);
  }

  /** Claims the set (waiting for another store of it); null when a set from a later version is kept or the case was not imported. */
  static async open(db: Database, q: Question, version: number, options: StoreOptions = {}): Promise<BatchedSetWriter | null> {
    const generation = randomUUID();
    const key = setKey(q.case, q.reading);
    const claim = await claimSet(db, key, q.case, version, generation);
    if (!claim) return null;
    const writer = new BatchedSetWriter(db, q, version, generation, options);
    await writer.failing(() => removeOrphans(db, key, generation, claim.orphans));
    return writer;
  }

  /** How many findings are written so far (each id once). */
  get total(): number {
    return this.keys.size;
  }

  /** Writes findings, unordered; one whose id is already written replaces it (the later wins, as in gaps.ts). */
  async write(findings: Ranked[]): Promise<void> {
    await this.failing(async () => {
      for (let i = 0; i < findings.length; i += this.batch) {
        const chunk = findings.slice(i, i + this.batch);
        const replaced = chunk.filter((f) => this.keys.has(f.id)).map((f) => f.id);
        const rows = chunk.map((f) => ({
          rank: this.written++,
          id: f.id,
          kind: f.kind,
          severity: f.severity,
          nodeIds: f.nodeIds,
          json: JSON.stringify(unranked(f)),
          detailEn: f.detail?.en ?? null,
          detailZh: f.detail?.zh ?? null,
        }));
        const n = await this.inClaim(
          `CALL () { UNWIND $replaced AS id MATCH (old:StoredFinding {set: $own, findingId: id}) DELETE old }
           WITH s UNWIND $rows AS row
           CREATE (:StoredFinding {set: $own, rank: row.rank, findingId: row.id, kind: row.kind, severity: row.severity, nodeIds: row.nodeIds, json: row.json, detailEn: row.detailEn, detailZh: row.detailZh})
           RETURN count(*) AS n`,
          { rows, replaced },
        );
        if (n !== rows.length) throw lostClaim(this.key);
        for (const f of chunk) {
          this.keys.set(f.id, {
            id: f.id,
            kind: f.kind,
            severity: f.severity,
            affected: f.affected,
            title: flat(f.title),
            hasDetail: f.detail !== undefined,
          });
        }
        await this.options.afterBatch?.(this.written);
      }
    });
  }

  /**
   * Tells alike titles apart, ranks every finding, and switches the set over with its totals.
   * Returns whether it was stored (false when a set from a later version was stored meanwhile).
   */
  async finish(inputs: string[], incomplete: boolean): Promise<boolean> {
    const all = [...this.keys.values()];
    this.keys.clear();
    const switched = await this.failing(async () => {
      await this.rewriteToldApart(alikeOf(all, (k) => k.hasDetail));
      all.sort(inAnswerOrder);
      for (let i = 0; i < all.length; i += this.batch) {
        const rows = all.slice(i, i + this.batch).map((k, n) => ({ id: k.id, rank: i + n }));
        const n = await this.inClaim(
          `UNWIND $rows AS row MATCH (f:StoredFinding {set: $own, findingId: row.id}) SET f.rank = row.rank RETURN count(*) AS n`,
          { rows },
        );
        if (n !== rows.length) throw lostClaim(this.key);
      }
      return switchOver(this.db, this.q, this.version, inputs, { ...countsOf(all), total: all.length, incomplete }, this.generation);
    });
    await this.stopRenewing();
    await tidyUp(this.db, this.key, this.generation, switched);
    return switched.stored;
  }

  /** Frees the set after a failure elsewhere (what was written is removed by the next store). */
  async abandon(): Promise<void> {
    this.keys.clear();
    await this.stopRenewing();
    await release(this.db, this.key, this.generation).catch(() => undefined);
  }

  /** The findings whose titles read alike take their detail (read back from their nodes): their keys, for the order, and their stored JSON. */
  private async rewriteToldApart(alike: Keys[]): Promise<void> {
    for (let i = 0; i < alike.length; i += this.batch) {
      const chunk = alike.slice(i, i + this.batch);
      const stored = await this.db.query<{ id: string; json: string; en: string; zh: string }>(
        `UNWIND $ids AS id MATCH (f:StoredFinding {set: $own, findingId: id})
         RETURN f.findingId AS id, f.json AS json, f.detailEn AS en, f.detailZh AS zh`,
        { ids: chunk.map((k) => k.id), own: this.own },
      );
      const byId = new Map(stored.map((r) => [r.id, r]));
      const rows = chunk.map((k) => {
        const row = byId.get(k.id);
        if (!row) throw lostClaim(this.key);
        const finding = JSON.parse(row.json) as Finding;
        const detail = { en: row.en, zh: row.zh };
        tellApart(finding, detail);
        tellApart(k, detail);
        return { id: k.id, json: JSON.stringify(finding) };
      });
      const n = await this.inClaim(
        `UNWIND $rows AS row MATCH (f:StoredFinding {set: $own, findingId: row.id}) SET f.json = row.json RETURN count(*) AS n`,
        { rows },
      );
      if (n !== rows.length) throw lostClaim(this.key);
    }
  }

  /** Runs a statement in one transaction while this store holds the set (renewing its claim); `s` is the FindingSet. Returns its `n`. */
  private async inClaim(statement: string, params: Record<string, unknown>): Promise<number> {
    const [n] = await this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation SET s.writerSeen = datetime()
         WITH s ${statement}`,
        { key: this.key, generation: this.generation, own: this.own, ...params },
      );
      return result.records.map((r) => Number(r.get('n')));
    });
    return n ?? 0;
  }

  /** Runs `work`; on a failure frees the set (the previous set keeps answering) and rethrows. */
  private async failing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await this.abandon();
      throw error;
    }
  }
}
