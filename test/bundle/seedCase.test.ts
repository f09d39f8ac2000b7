// The seed case (seed/henan-red-code-2022.yaml) against the real Neo4j, including the counts
// that docs/seed-case.md states (read from its tables, so the doc and the data cannot drift).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { bundleFromData } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { exportBundle, bundleYaml } from '../../server/bundle/exportBundle.js';
import { clearDatabase, closeTestDatabase } from '../support/neo4j.js';
import { describeSeed, loadSeedCase, SEED_CASE, SEED_FILE } from '../support/seed.js';
import { graphSnapshot } from './graphSnapshot.js';

const CASE_ID = SEED_CASE;

let db: Database;
beforeAll(async () => {
  if (existsSync(SEED_FILE)) db = await loadSeedCase();
});
afterAll(closeTestDatabase);

/** Rows `| first | … | count |` of the markdown table that follows `heading` in docs/seed-case.md. */
function documentedCounts(heading: string): [string, number][] {
  const doc = readFileSync(path.join(projectRoot, 'docs', 'seed-case.md'), 'utf8');
  const table = doc
    .slice(doc.indexOf(heading))
    .split('\n\n')
    .find((block) => block.trim().startsWith('|'))!;
  return table
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim())
        .filter(Boolean),
    )
    .filter((cells) => /^\d+$/.test(cells[cells.length - 1] ?? '') && !cells[0].startsWith('**'))
    .map((cells) => [cells[0], Number(cells[cells.length - 1])]);
}

describeSeed('the seed case', () => {
  it('loads with the node counts docs/seed-case.md states', async () => {
    const documented = documentedCounts('## Counts in');
    expect(documented.length).toBeGreaterThan(10);
    for (const [label, count] of documented) {
      const [row] = await db.query<{ n: number }>(`MATCH (n:${label})-[:IN_CASE]->(:Case {id: $caseId}) RETURN count(n) AS n`, { caseId: CASE_ID });
      expect([label, row.n]).toEqual([label, count]);
    }
  });

  it('loads with the relation counts docs/seed-case.md states', async () => {
    const documented = documentedCounts('Relations written in the bundle');
    const byType = new Map<string, number>();
    for (const [type, count] of documented) byType.set(type, (byType.get(type) ?? 0) + count);
    expect(byType.size).toBeGreaterThan(10);
    for (const [type, count] of byType) {
      const [row] = await db.query<{ n: number }>(`MATCH (a)-[r:${type}]->() WHERE (a)-[:IN_CASE]->(:Case {id: $caseId}) RETURN count(r) AS n`, {
        caseId: CASE_ID,
      });
      expect([type, row.n]).toEqual([type, count]);
    }
  });

  it('has the 1,317 red codes and their two deciders, each with a position', async () => {
    const rows = await db.query<{ action: string; deciders: { name: string; positions: number }[] }>(
      `MATCH (a:Action)-[:IN_CASE]->(:Case {id: $caseId}) WHERE a.affectedCount = 1317
       RETURN a.id AS action,
              [(a)-[:PERFORMED_BY {role: 'DECIDED'}]->(p:Person) | { name: p.nameZh, positions: COUNT { (p)-[:HOLDS_POSITION]->(:Body) } }] AS deciders`,
      { caseId: CASE_ID },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].deciders).toHaveLength(2);
    for (const decider of rows[0].deciders) expect(decider.positions).toBeGreaterThan(0);
  });

  it('has the provincial big-data bureau renamed in April 2022', async () => {
    const rows = await db.query<{ on: string }>(
      `MATCH (old:Body)-[s:SUCCEEDED_BY {how: 'RENAMED'}]->(:Body) WHERE old.nameZh CONTAINS '大数据'
       RETURN toString(s.on) AS on`,
    );
    expect(rows.some((r) => r.on.startsWith('2022-04'))).toBe(true);
  });

  it('re-imports from its own export to the same graph', async () => {
    const before = await graphSnapshot(db, { withMeta: false });
    const exported = bundleFromData(parse(bundleYaml(await exportBundle(db, CASE_ID))), 'export.yaml');
    await clearDatabase(db);
    expect((await importBundle(db, exported)).problems).toEqual([]);
    expect(await graphSnapshot(db, { withMeta: false })).toEqual(before);
  });
});
