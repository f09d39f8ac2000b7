import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { seedOnEmpty } from '../../server/bundle/seedOnEmpty.js';
import { BundleProblemsError } from '../../server/bundle/problem.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { graphSnapshot } from './graphSnapshot.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'bundles');
let db: Database;
let seedDir: string;
let badDir: string;
const quiet = () => {};

beforeAll(async () => {
  db = await testDatabase();
  seedDir = await mkdtemp(path.join(os.tmpdir(), 'quanze-seed-'));
  await copyFile(path.join(fixtures, 'valid-tiny.yaml'), path.join(seedDir, 'a-tiny.yaml'));
  await copyFile(path.join(fixtures, 'uses-shared-vocabulary.yaml'), path.join(seedDir, 'b-shared.yaml'));
  badDir = await mkdtemp(path.join(os.tmpdir(), 'quanze-bad-seed-'));
  await copyFile(path.join(fixtures, 'bad-person.yaml'), path.join(badDir, 'bad.yaml'));
});
afterAll(async () => {
  await rm(seedDir, { recursive: true, force: true });
  await rm(badDir, { recursive: true, force: true });
  await closeTestDatabase();
});

describe('seedOnEmpty', () => {
  it('imports every seed bundle, in file order, into an empty database', async () => {
    await clearDatabase(db);
    const results = await seedOnEmpty(db, quiet, seedDir);
    expect(results.map((r) => r.caseId)).toEqual(['test-tiny', 'test-shared']);
  });

  it('does nothing when the database already has a case', async () => {
    const before = await graphSnapshot(db);
    expect(await seedOnEmpty(db, quiet, seedDir)).toEqual([]);
    expect(await graphSnapshot(db)).toEqual(before);
  });

  it('refuses a broken seed loudly and writes nothing', async () => {
    await clearDatabase(db);
    await expect(seedOnEmpty(db, quiet, badDir)).rejects.toBeInstanceOf(BundleProblemsError);
    expect(await graphSnapshot(db)).toEqual({ nodes: [], relationships: [] });
  });
});
