// Which cases a case's findings can read. A case's findings read its own nodes and whatever
// is reachable from them: a shared place, power or body type, a grant of another case that
// names one of its bodies, the places a place lies within. Two cases are *linked* when they
// share a node or a relationship joins their nodes (directly, or through one node that
// belongs to no case); the findings of a case can only read the cases of its component, the
// cases reachable from it through links.
//
// Each import notes the links of its case on `(:Meta {id: 'importedCase:<id>'})`: `links`,
// the cases linked to it now or before this import (the old links and the cases that named it
// are kept, since a link the import removed still mattered to findings computed before it),
// and `linksVersion`, the data version they were read at. They are read while holding the
// lock of the data version, so no other import switches over in between: links whose
// `linksVersion` is older than the case's last change (`digestVersion`) are unknown, and a
// stored finding set computed before that change is then taken to be stale (./findingsStore.ts).
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../neo4j/database.js';
import { CASE_META } from '../../neo4j/caseMeta.js';

export { CASE_META };

/** The cases other than `caseId` whose nodes are, or touch, the case's nodes (the case node included). */
const ADJACENT = `
MATCH (c:Case {id: $case})
CALL (c) { MATCH (c)<-[:IN_CASE]-(n) RETURN n UNION RETURN c AS n }
CALL (n, c) {
  MATCH (n)-[:IN_CASE]->(o:Case) WHERE o <> c RETURN o.id AS other
  UNION
  MATCH (n)-[:!IN_CASE]-(x:Case) WHERE x <> c RETURN x.id AS other
  UNION
  MATCH (n)-[:!IN_CASE]-(x)-[:IN_CASE]->(o:Case) WHERE o <> c RETURN o.id AS other
  UNION
  MATCH (n)-[:!IN_CASE]-(x) WHERE NOT x:Case AND NOT x:Meta AND NOT EXISTS { (x)-[:IN_CASE]->() }
  MATCH (x)-[:!IN_CASE]-(y)-[:IN_CASE]->(o:Case) WHERE o <> c RETURN o.id AS other
}
RETURN collect(DISTINCT other) AS links`;

async function adjacent(tx: ManagedTransaction, caseId: string): Promise<string[]> {
  const result = await tx.run(ADJACENT, { case: caseId });
  return ((result.records[0]?.get('links') as string[] | undefined) ?? []).sort();
}

/**
 * Notes the links of a case just imported. Holds the data version's lock while it reads, so
 * the links are those of the version the case changed at; when another import has switched
 * over since, they are stored but stay unknown (linksVersion is left behind).
 */
export async function noteLinks(db: Database, caseId: string): Promise<string[]> {
  return db.write(async (tx) => {
    const locked = await tx.run(
      `MATCH (m:Meta {id: 'dataVersion'}) SET m.linksReadFor = $case
       WITH m OPTIONAL MATCH (d:Meta {id: $meta})
       RETURN m.version AS version, d.digestVersion AS changed, coalesce(d.links, []) AS old,
              d.links IS NOT NULL AND d.linksVersion IS NOT NULL AND d.linksVersion >= d.digestVersion AS known`,
      { case: caseId, meta: CASE_META + caseId },
    );
    const row = locked.records[0];
    if (!row || row.get('changed') === null) return [];
    // Noted since the case last changed (an unchanged re-import): another case's later links to
    // it are on that case's own Meta, read both ways by componentOf, so there is nothing to add.
    if (row.get('known')) return row.get('old') as string[];
    const named = await tx.run(
      `MATCH (e:Meta) WHERE e.id STARTS WITH $prefix AND $case IN coalesce(e.links, []) RETURN collect(substring(e.id, size($prefix))) AS cases`,
      { prefix: CASE_META, case: caseId },
    );
    const links = [...new Set([...(await adjacent(tx, caseId)), ...(row.get('old') as string[]), ...(named.records[0].get('cases') as string[])])]
      .filter((id) => id !== caseId)
      .sort();
    await tx.run(
      `MATCH (d:Meta {id: $meta})
       SET d.links = $links, d.linksVersion = CASE WHEN $version = d.digestVersion THEN $version ELSE d.linksVersion END`,
      { meta: CASE_META + caseId, links, version: row.get('version') },
    );
    return links;
  });
}

/**
 * The component of a case: every case reachable through links, the case included, sorted.
 * A case whose links are unknown has its neighbours read now instead.
 */
export async function componentOf(db: Database, caseId: string): Promise<string[]> {
  return db.read(async (tx) => {
    const result = await tx.run(
      `MATCH (d:Meta) WHERE d.id STARTS WITH $prefix
       RETURN substring(d.id, size($prefix)) AS case, d.links AS links,
              d.links IS NOT NULL AND d.linksVersion IS NOT NULL AND d.linksVersion >= d.digestVersion AS known`,
      { prefix: CASE_META },
    );
    const neighbours = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
      (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b)!).add(a);
    };
    const unknown = new Set<string>();
    for (const r of result.records) {
      const id = r.get('case') as string;
      if (!r.get('known')) unknown.add(id);
      for (const other of (r.get('links') as string[] | null) ?? []) link(id, other);
    }
    const seen = new Set([caseId]);
    const queue = [caseId];
    while (queue.length) {
      const id = queue.shift()!;
      const next = [...(neighbours.get(id) ?? [])];
      if (unknown.has(id) || !result.records.some((r) => r.get('case') === id)) next.push(...(await adjacent(tx, id)));
      for (const other of next) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
    return [...seen].sort();
  });
}
