// The findings of a case, stored in Neo4j once computed (after an import, or by the first
// reader), so gaps pages them from the database instead of deriving every finding at each
// call, and every server process reads the same stored answer.
//
// One `(:FindingSet {key: '<case>|<reading>'})` per case and reading, for the default `at`
// (everything recorded), holds the totals per kind and severity and what makes it current:
// `computedVersion`, the data version read before computing, and `inputs`, the cases of the
// component the findings could read (./caseLinks.ts), and the `generation` its findings are:
// one `(:StoredFinding {set: '<key>@<generation>', rank})` per finding holds it as JSON, with
// the ids it rests on (`nodeIds`). A set is stored as a new generation that readers do not see
// until the FindingSet names it (storeFindings). Neither is linked to the model's nodes, so no
// question that walks the graph meets them.
//
// A set is current when the data version is still the one it was computed at, or when every
// write since was an import (no write behind the digests' back, see docs/decisions.md 12) and
// no case changed since that is in its inputs, is linked to them, or has links still unknown.
// A reader can therefore never take a set for current once an import that could change it has
// switched over, even before the derive step of that import has run.
import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Database } from '../../neo4j/database.js';
import type { CaseFindings, Finding, GapsAnswer, Question } from '../gaps.js';
import { countsOf } from '../gaps.js';
import { LIST_LIMIT } from '../run.js';
import { CASE_META } from './caseLinks.js';
import { claimSet, keepClaim, lostClaim, release } from './findingsClaim.js';

export const setKey = (caseId: string, reading: Question['reading']) => `${caseId}|${reading}`;

/** True for a FindingSet `s` that is current; `m` is the dataVersion Meta node. */
export const CURRENT = `(m.version = s.computedVersion OR (
  m.importedVersion = m.version AND s.computedVersion >= coalesce(m.digestsFrom, 0)
  AND NOT EXISTS {
    MATCH (d:Meta) WHERE d.id STARTS WITH '${CASE_META}' AND d.digestVersion > s.computedVersion
      AND (d.links IS NULL OR d.linksVersion IS NULL OR d.linksVersion < d.digestVersion
           OR substring(d.id, ${CASE_META.length}) IN s.inputs OR any(l IN d.links WHERE l IN s.inputs))
  }))`;

/** The data version now, or null when the case was not imported through Quanze (its changes would go unseen: never stored). */
export async function versionFor(db: Database, caseId: string): Promise<number | null> {
  const [row] = await db.query<{ version: number | null }>(
    `OPTIONAL MATCH (m:Meta {id: 'dataVersion'}) OPTIONAL MATCH (d:Meta {id: $meta})
     RETURN CASE WHEN d IS NULL THEN null ELSE m.version END AS version`,
    { meta: CASE_META + caseId },
  );
  return row?.version ?? null;
}

/** One page of the stored findings when the set is current; null when it is absent or stale. */
export async function storedPage(
  db: Database,
  q: Question & { limit?: number; after?: string | null },
): Promise<Omit<GapsAnswer, 'case' | 'at' | 'reading'> | null> {
  const limit = q.limit ?? LIST_LIMIT;
  const [row] = await db.query<{ total: number; byKind: string; bySeverity: string; incomplete: boolean; start: number; page: string[] }>(
    `MATCH (m:Meta {id: 'dataVersion'}) MATCH (s:FindingSet {key: $key}) WHERE ${CURRENT}
     WITH s, ${GENERATION_KEY} AS generation
     OPTIONAL MATCH (a:StoredFinding {set: generation, findingId: $after})
     WITH s, generation, CASE WHEN a IS NULL THEN 0 ELSE a.rank + 1 END AS start
     OPTIONAL MATCH (f:StoredFinding {set: generation}) WHERE f.rank >= start AND f.rank < start + $limit
     WITH s, start, f ORDER BY f.rank
     RETURN s.total AS total, s.byKind AS byKind, s.bySeverity AS bySeverity, s.incomplete AS incomplete, start, collect(f.json) AS page`,
    { key: setKey(q.case, q.reading), after: q.after ?? '', limit },
  );
  if (!row) return null;
  const findings = row.page.map((json) => JSON.parse(json) as Finding);
  return {
    findings,
    total: row.total,
    byKind: JSON.parse(row.byKind) as GapsAnswer['byKind'],
    bySeverity: JSON.parse(row.bySeverity) as GapsAnswer['bySeverity'],
    endCursor: findings.at(-1)?.id ?? null,
    hasNextPage: row.start + limit < row.total,
    incomplete: row.start + limit < row.total || row.incomplete,
  };
}

/** How many findings one transaction writes or deletes: a national set (150,000 findings, some 370 MB of JSON) in one transaction was more than Neo4j's heap allows. */
export const BATCH = 2000;
/** The `set` of the StoredFinding nodes of one generation of a set (a set stored before generations existed: the key alone). */
export const generationKey = (key: string, generation: string | null): string => (generation === null ? key : `${key}@${generation}`);
const GENERATION_KEY = `coalesce(s.key + '@' + s.generation, s.key)`;

export interface StoreOptions {
  /** Findings per transaction. */
  batch?: number;
  /** Called after each batch is written, before the set is switched over; a test throws here to fail a store midway. */
  afterBatch?: (written: number) => void | Promise<void>;
}

/**
 * Stores every finding of a case and reading, computed from the data at `version` with the
 * component `inputs`. A set already stored from a later version is kept (a slow reader does
 * not overwrite what the derive step stored after an import). Returns whether it was stored.
 *
 * In several transactions, none of them large: the findings are written as a new generation
 * of the set, in batches, which no reader sees (readers read the generation the FindingSet
 * names); one small transaction then switches the set over to it, with its totals; the
 * previous generation is deleted afterwards, in batches. One store of a set writes at a time
 * (the FindingSet's `writer`, renewed on a timer while it runs, and by each write); a store that fails leaves the previous
 * set answering, and what it wrote is removed by the next store of that set.
 */
export async function storeFindings(
  db: Database,
  q: Question,
  version: number,
  inputs: string[],
  all: CaseFindings,
  options: StoreOptions = {},
): Promise<boolean> {
  const key = setKey(q.case, q.reading);
  const batch = options.batch ?? BATCH;
  const generation = randomUUID();
  const claim = await claimSet(db, key, q.case, version, generation);
  if (!claim) return false;
  const own = generationKey(key, generation);
  const stopRenewing = keepClaim(db, key, generation);
  let switched: Awaited<ReturnType<typeof switchOver>>;
  try {
    await removeOrphans(db, key, generation, claim.orphans);
    for (let i = 0; i < all.findings.length; i += batch) {
      // Each batch's rows (and their JSON) are made when written, not all at once.
      const rows = all.findings.slice(i, i + batch).map((f, n) => ({
        rank: i + n,
        id: f.id,
        kind: f.kind,
        severity: f.severity,
        nodeIds: f.nodeIds,
        json: JSON.stringify(f),
      }));
      const [written] = await db.write(async (tx) => {
        const result = await tx.run(
          `MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation SET s.writerSeen = datetime()
           WITH s UNWIND $rows AS row
           CREATE (:StoredFinding {set: $own, rank: row.rank, findingId: row.id, kind: row.kind, severity: row.severity, nodeIds: row.nodeIds, json: row.json})
           RETURN count(*) AS n`,
          { key, generation, own, rows },
        );
        return result.records.map((r) => Number(r.get('n')));
      });
      if (written !== rows.length) throw lostClaim(key);
      await options.afterBatch?.(i + rows.length);
    }
    switched = await switchOver(
      db,
      q,
      version,
      inputs,
      { ...countsOf(all.findings), total: all.findings.length, incomplete: all.incomplete },
      generation,
    );
  } catch (error) {
    // What this store wrote stays until the next store of the set removes it; the set is free again.
    await stopRenewing();
    await release(db, key, generation).catch(() => undefined);
    throw error;
  }
  await stopRenewing();
  await tidyUp(db, key, generation, switched);
  return switched.stored;
}

/** Deletes the generations failed stores left behind, once this store holds the set. */
export async function removeOrphans(db: Database, key: string, generation: string, orphans: string[]): Promise<void> {
  for (const orphan of orphans) {
    await deleteGeneration(db, key, generation, generationKey(key, orphan));
    await renew(db, key, generation, `s.generations = [g IN s.generations WHERE g <> $orphan]`, { orphan });
  }
}

/** After the switch-over (or a later set kept): deletes the generation no reader reads and frees the set. */
export async function tidyUp(db: Database, key: string, generation: string, switched: { stored: boolean; previous?: string | null }): Promise<void> {
  const gone = switched.stored ? switched.previous : generation;
  try {
    if (gone !== undefined) await deleteGeneration(db, key, generation, generationKey(key, gone));
    await renew(db, key, generation, `s.generations = [g IN s.generations WHERE g <> $gone], s.writer = null`, { gone: gone ?? '' });
  } catch (error) {
    console.warn(`The superseded findings of ${key} were not all removed (the next store of the set will): ${(error as Error).message}`);
  }
}

/** What the FindingSet says of the whole set: how many findings, per kind and severity, and whether a list was cut. */
export type SetTotals = Pick<GapsAnswer, 'byKind' | 'bySeverity' | 'total' | 'incomplete'>;

/**
 * Points the set at the new generation, with its totals, unless a later version was stored
 * meanwhile. `previous` is the generation it replaced: null for one stored before generations
 * existed, undefined when there was none.
 */
export async function switchOver(
  db: Database,
  q: Question,
  version: number,
  inputs: string[],
  totals: SetTotals,
  generation: string,
): Promise<{ stored: boolean; previous?: string | null }> {
  const key = setKey(q.case, q.reading);
  const { byKind, bySeverity, total, incomplete } = totals;
  const [row] = await db.write(async (tx) => {
    const result = await tx.run(
      `MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation
       SET s.claimedAt = datetime()
       WITH s, s.computedVersion > $version AS later, s.case IS NOT NULL AS had, s.generation AS previous,
            COUNT { MATCH (f:StoredFinding {set: $own}) WHERE f.rank >= 0 } AS written
       FOREACH (_ IN CASE WHEN later OR written <> $total THEN [] ELSE [1] END |
         SET s.generation = $generation, s.case = $case, s.reading = $reading, s.computedVersion = $version, s.inputs = $inputs,
             s.total = $total, s.byKind = $byKind, s.bySeverity = $bySeverity, s.incomplete = $incomplete, s.storedAt = datetime())
       RETURN later, written, had, previous`,
      {
        key,
        generation,
        own: generationKey(key, generation),
        case: q.case,
        reading: q.reading,
        version,
        inputs,
        total,
        byKind: JSON.stringify(byKind),
        bySeverity: JSON.stringify(bySeverity),
        incomplete,
      },
    );
    return result.records.map((r) => ({
      later: r.get('later') as boolean,
      written: Number(r.get('written')),
      had: r.get('had') as boolean,
      previous: r.get('previous') as string | null,
    }));
  });
  if (!row) throw lostClaim(key);
  if (row.later) return { stored: false };
  // Never switch over to half a set (only a store that lost its claim could see this).
  if (row.written !== total) throw lostClaim(key);
  return row.had ? { stored: true, previous: row.previous } : { stored: true };
}

/** Deletes the StoredFinding nodes of one generation, a batch per transaction, while this store still holds the set. */
async function deleteGeneration(db: Database, key: string, generation: string, generationKeyToDelete: string): Promise<void> {
  for (;;) {
    const deleted = await db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation SET s.writerSeen = datetime()
         WITH s CALL () { MATCH (f:StoredFinding {set: $gone}) WHERE f.rank >= 0 WITH f LIMIT $batch DELETE f RETURN count(*) AS n }
         RETURN n`,
        { key, generation, gone: generationKeyToDelete, batch: neo4j.int(BATCH) },
      );
      return result.records.map((r) => Number(r.get('n')));
    });
    if (deleted[0] === undefined) throw lostClaim(key);
    if (deleted[0] === 0) return;
  }
}

/** Updates the set while this store holds it (and renews the claim); throws when it no longer does. */
export async function renew(db: Database, key: string, generation: string, assignments: string, params: Record<string, unknown>): Promise<void> {
  const [n] = await db.write(async (tx) => {
    const result = await tx.run(
      `MATCH (s:FindingSet {key: $key}) WHERE s.writer = $generation SET s.writerSeen = datetime(), ${assignments} RETURN count(*) AS n`,
      { key, generation, ...params },
    );
    return result.records.map((r) => Number(r.get('n')));
  });
  if (!n) throw lostClaim(key);
}

/** The stored sets that are no longer current, and those of cases that are gone. */
export async function staleSets(db: Database): Promise<{ case: string; reading: Question['reading'] }[]> {
  return db.query(
    `MATCH (m:Meta {id: 'dataVersion'}) MATCH (s:FindingSet) WHERE s.case IS NOT NULL AND NOT ${CURRENT}
     RETURN s.case AS case, s.reading AS reading ORDER BY case, reading`,
  );
}

/** Whether the set of a case and reading is stored and current. */
export async function isCurrent(db: Database, caseId: string, reading: Question['reading']): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    `MATCH (m:Meta {id: 'dataVersion'}) MATCH (s:FindingSet {key: $key}) WHERE s.case IS NOT NULL AND ${CURRENT} RETURN count(*) AS n`,
    { key: setKey(caseId, reading) },
  );
  return (row?.n ?? 0) > 0;
}

/** Removes the sets of cases that no longer exist, every generation of each, a batch per transaction. */
export async function dropSetsOfGoneCases(db: Database): Promise<void> {
  const gone = await db.query<{ key: string; generations: string[] }>(
    // A set being stored for the first time has no case yet: its key says which.
    `MATCH (s:FindingSet) WHERE NOT EXISTS { MATCH (c:Case) WHERE c.id = coalesce(s.case, split(s.key, '|')[0]) }
     RETURN s.key AS key, [s.key] + [g IN coalesce(s.generations, []) | s.key + '@' + g] AS generations`,
  );
  for (const { key, generations } of gone) {
    for (const generation of generations) {
      for (;;) {
        const deleted = await db.write(async (tx) => {
          const result = await tx.run(
            `MATCH (f:StoredFinding {set: $generation}) WHERE f.rank >= 0 WITH f LIMIT $batch DELETE f RETURN count(*) AS n`,
            {
              generation,
              batch: neo4j.int(BATCH),
            },
          );
          return Number(result.records[0]?.get('n') ?? 0);
        });
        if (!deleted) break;
      }
    }
    await db.write((tx) => tx.run('MATCH (s:FindingSet {key: $key}) DELETE s', { key }));
  }
}
