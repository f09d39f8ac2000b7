// The benchmark's national synthetic case at scale 0.01, as a smoke run: it is the same for
// the same seed, the validator accepts it, import streams it in, and importing it again
// writes nothing. Nothing here is timed (speed belongs in `npm run bench`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/neo4j/database.js';
import { openBundleFile } from '../../server/bundle/bundleStream.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { nationalShape, writeNationalCase } from '../../bench/nationalCase.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'quanze-national-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeTestDatabase();
});

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the national synthetic case at scale 0.01', () => {
  it('is the same for the same seed and differs for another', async () => {
    const [one, again, other] = ['one', 'again', 'other'].map((name) => path.join(dir, `${name}.ndjson`));
    await writeNationalCase(one, { scale: 0.002, seed: 7 });
    await writeNationalCase(again, { scale: 0.002, seed: 7 });
    await writeNationalCase(other, { scale: 0.002, seed: 8 });
    expect(digest(again)).toBe(digest(one));
    expect(digest(other)).not.toBe(digest(one));
  });

  it('is valid, imports line by line, and imports again without writing', async () => {
    const file = path.join(dir, 'case.ndjson');
    const shape = nationalShape(0.01);
    const { items, caseId } = await writeNationalCase(file, { scale: 0.01, seed: 1 });
    expect(readFileSync(file, 'utf8').split('\n').length).toBeGreaterThan(10);

    const first = await importBundle(db, await openBundleFile(file));
    expect(first.problems).toEqual([]);
    const created = Object.values(first.counts.nodes).reduce((n, c) => n + c.created, 0);
    expect(created).toBe(items + 1);
    const [places] = await db.query<Record<string, number>>(
      `MATCH (p:Place)-[:IN_CASE]->(:Case {id: $caseId})
       RETURN count(CASE p.level WHEN 'PROVINCE' THEN 1 END) AS provinces, count(CASE p.level WHEN 'CITY' THEN 1 END) AS prefectures,
              count(CASE p.level WHEN 'COUNTY' THEN 1 END) AS counties, COUNT { (:Action) } AS actions, COUNT { (:Statement) } AS statements,
              COUNT { (:Body)-[:SUCCEEDED_BY]->(:Body) } AS successions, COUNT { (g:Grant) WHERE g.modality = 'PROHIBITION' } AS prohibitions,
              COUNT { (g:Grant) WHERE g.conditions IS NOT NULL } AS conditional`,
      { caseId },
    );
    expect(places).toMatchObject({
      provinces: shape.provinces,
      prefectures: shape.prefectures,
      counties: shape.counties,
      actions: shape.actions,
      statements: shape.statements,
    });
    expect(places.successions).toBeGreaterThan(0);
    expect(places.prohibitions).toBe(shape.provinces);
    expect(places.conditional).toBeGreaterThan(0);

    const again = await importBundle(db, await openBundleFile(file));
    expect(again.problems).toEqual([]);
    expect(again.written).toBe(0);
    expect(again.dataVersion).toBe(first.dataVersion);
  }, 600_000);
});
