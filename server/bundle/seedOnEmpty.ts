// The seed cases (seed/*.yaml) make a fresh install useful at once: the server imports
// them when the database has no case yet; `npm run seed` imports them on demand.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { importBundle, type ImportResult } from './importBundle.js';
import { readBundleFile } from './parse.js';
import { BundleProblemsError } from './problem.js';

export const SEED_DIR = path.join(projectRoot, 'seed');

export async function seedFiles(dir = SEED_DIR): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Imports every seed bundle; throws on the first one with problems, after writing none of it. */
export async function importSeed(db: Database, log: (line: string) => void = console.log, dir = SEED_DIR): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const file of await seedFiles(dir)) {
    const result = await importBundle(db, await readBundleFile(file), { writer: { who: 'seed', via: 'seed' } });
    if (!result.ok) throw new BundleProblemsError(result.problems);
    log(`Imported seed case ${result.caseId} from ${path.relative(projectRoot, file)}.`);
    results.push(result);
  }
  return results;
}

/** Imports the seed when the database holds no Case; returns what it imported (nothing when it already had data). */
export async function seedOnEmpty(db: Database, log: (line: string) => void = console.log, dir = SEED_DIR): Promise<ImportResult[]> {
  const [row] = await db.query<{ cases: number }>('MATCH (c:Case) RETURN count(c) AS cases');
  if (row.cases > 0) return [];
  return importSeed(db, log, dir);
}
