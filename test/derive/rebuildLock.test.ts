// Rebuilds of the derived layer for readers (a write moved the data version behind the
// import's back) are locked against each other and against an import's derive step: several
// questions that find the holdings stale at once leave exactly one set of holdings, derived
// once, and the layer current.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { derivedCurrent, ensureDerived, rebuildDerived } from '../../server/derive/derive.js';
import { whoCan } from '../../server/analyses/whoCan.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  const result = await importBundle(db, parse(readFileSync(path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml'), 'utf8')));
  expect(result.problems).toEqual([]);
});
afterAll(closeTestDatabase);

/** Every holding as a key; a duplicate shows twice. */
const holdingKeys = async () =>
  (
    await db.query<{ key: string }>(
      "MATCH (h:Holding) RETURN h.grantId + '|' + h.powerId + '|' + h.bodyId + '|' + h.via + '|' + coalesce(h.jurisdictionId, '') + '|' + reduce(s = '', x IN h.successionIds | s + x + ',') AS key",
    )
  )
    .map((r) => r.key)
    .sort();

/** A write that moves the data version without deriving, as an editor's tool outside Quanze might. */
const moveVersionBehindTheImport = () => db.write((tx) => tx.run("MATCH (m:Meta {id: 'dataVersion'}) SET m.version = m.version + 1"));

describe('rebuilding the derived layer', () => {
  it('derives once when several readers find the holdings stale at the same time', async () => {
    const before = await holdingKeys();
    expect(before.length).toBeGreaterThan(0);
    expect(await derivedCurrent(db)).toBe(true);

    await moveVersionBehindTheImport();
    expect(await derivedCurrent(db)).toBe(false);
    const reports = await Promise.all([rebuildDerived(db), rebuildDerived(db), ensureDerived(db), rebuildDerived(db)]);
    // The first to take the lock derives; the others, once they have it, find the layer current.
    expect(reports.filter((r) => r !== null)).toHaveLength(1);
    expect(await holdingKeys()).toEqual(before);
    expect(await derivedCurrent(db)).toBe(true);
  });

  it('gives the same answer to questions asked at once while the layer is stale', async () => {
    const question = { power: 't-code.assign', place: 't-city', at: '2022-06-13' };
    const expected = await whoCan(db, question);
    await moveVersionBehindTheImport();
    const answers = await Promise.all([whoCan(db, question), whoCan(db, question), whoCan(db, question)]);
    for (const answer of answers) expect(answer).toEqual(expected);
    expect(await derivedCurrent(db)).toBe(true);
    expect(new Set(await holdingKeys()).size).toBe((await holdingKeys()).length);
  });
});
