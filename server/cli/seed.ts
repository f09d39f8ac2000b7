// npm run seed
// Imports every seed/*.yaml bundle (again, if already there: imports are idempotent).
import { importSeed, seedFiles } from '../bundle/seedOnEmpty.js';
import { BundleProblemsError } from '../bundle/problem.js';
import { withCliDatabase } from './database.js';

async function main(): Promise<number> {
  if (!(await seedFiles()).length) {
    console.error('There are no seed bundles (seed/*.yaml) to import.');
    return 1;
  }
  return withCliDatabase([BundleProblemsError], async (db) => {
    await importSeed(db);
    return 0;
  });
}

process.exitCode = await main();
