import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { clearDatabase, testDatabase } from './neo4j.js';

export const SEED_FILE = path.join(projectRoot, 'seed', 'henan-red-code-2022.yaml');
export const SEED_CASE = 'henan-red-code-2022';

/** Seed tests are skipped only when the seed file itself is missing. */
export const describeSeed = existsSync(SEED_FILE) ? describe : describe.skip;

/** The test database holding exactly the Henan seed case. */
export async function loadSeedCase(): Promise<Database> {
  const db = await testDatabase();
  await clearDatabase(db);
  // The findings are left for their first reader: most seed tests never ask gaps.
  const result = await importBundle(db, await readBundleFile(SEED_FILE), { findings: 'later' });
  expect(result.problems).toEqual([]);
  return db;
}
