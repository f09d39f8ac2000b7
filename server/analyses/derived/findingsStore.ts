// The findings of a case, stored in Neo4j once computed (after an import, or by the first
// reader), so gaps pages them from the database instead of deriving every finding at each
// call, and every server process reads the same stored answer.
//
// One `(:FindingSet {key: '<case>|<reading>'})` per case and reading, for the default `at`
// (everything recorded), holds the totals per kind and severity and what makes it current:
// `computedVersion`, the data version read before computing, and `inputs`, the cases of the
// component the findings could read (./caseLinks.ts). One `(:StoredFinding {set, rank})` per
// finding holds it as JSON, with the ids it rests on (`nodeIds`). Neither is linked to the
// model's nodes, so no question that walks the graph meets them.
//
// A set is current when the data version is still the one it was computed at, or when every
// write since was an import (no write behind the digests' back, see docs/decisions.md 12) and
// no case changed since that is in its inputs, is linked to them, or has links still unknown.
// A reader can therefore never take a set for current once an import that could change it has
// switched over, even before the derive step of that import has run.
import type { Database } from '../../neo4j/database.js';
import type { CaseFindings, Finding, GapsAnswer, Question } from '../gaps.js';
import { countsOf } from '../gaps.js';
import { LIST_LIMIT } from '../run.js';
import { CASE_META } from './caseLinks.js';

const BATCH = 2000;

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
     OPTIONAL MATCH (a:StoredFinding {set: $key, findingId: $after})
     WITH s, CASE WHEN a IS NULL THEN 0 ELSE a.rank + 1 END AS start
     OPTIONAL MATCH (f:StoredFinding {set: $key}) WHERE f.rank >= start AND f.rank < start + $limit
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

/**
 * Stores every finding of a case and reading, computed from the data at `version` with the
 * component `inputs`. A set already stored from a later version is kept (a slow reader does
 * not overwrite what the derive step stored after an import). Returns whether it was stored.
 */
export async function storeFindings(db: Database, q: Question, version: number, inputs: string[], all: CaseFindings): Promise<boolean> {
  const key = setKey(q.case, q.reading);
  return db.write(async (tx) => {
    // MERGE first: it locks the set, so two stores of one set run one after the other.
    const held = await tx.run(
      `MATCH (:Meta {id: $meta}) MERGE (s:FindingSet {key: $key}) ON CREATE SET s.computedVersion = -1 RETURN s.computedVersion AS at`,
      { key, meta: CASE_META + q.case },
    );
    const at = held.records[0]?.get('at') as number | undefined;
    if (at === undefined || at > version) return false;
    await tx.run('MATCH (f:StoredFinding {set: $key}) DELETE f', { key });
    const { byKind, bySeverity } = countsOf(all.findings);
    await tx.run(
      `MATCH (s:FindingSet {key: $key})
       SET s.case = $case, s.reading = $reading, s.computedVersion = $version, s.inputs = $inputs, s.total = $total,
           s.byKind = $byKind, s.bySeverity = $bySeverity, s.incomplete = $incomplete, s.storedAt = datetime()`,
      {
        key,
        case: q.case,
        reading: q.reading,
        version,
        inputs,
        total: all.findings.length,
        byKind: JSON.stringify(byKind),
        bySeverity: JSON.stringify(bySeverity),
        incomplete: all.incomplete,
      },
    );
    const rows = all.findings.map((f, rank) => ({ rank, id: f.id, kind: f.kind, severity: f.severity, nodeIds: f.nodeIds, json: JSON.stringify(f) }));
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx.run(
        `UNWIND $rows AS row
         CREATE (:StoredFinding {set: $key, rank: row.rank, findingId: row.id, kind: row.kind, severity: row.severity, nodeIds: row.nodeIds, json: row.json})`,
        { key, rows: rows.slice(i, i + BATCH) },
      );
    }
    return true;
  });
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

/** Removes the sets of cases that no longer exist. */
export async function dropSetsOfGoneCases(db: Database): Promise<void> {
  await db.write((tx) =>
    tx.run(
      `MATCH (s:FindingSet) WHERE NOT EXISTS { MATCH (c:Case) WHERE c.id = s.case }
       CALL (s) { MATCH (f:StoredFinding {set: s.key}) DELETE f }
       DELETE s`,
    ),
  );
}
