// npm run seed
// Imports every seed/*.yaml bundle (again, if already there: imports are idempotent).
import { importSeed, seedFiles } from '../bundle/seedOnEmpty.js';
import { BundleProblemsError } from '../bundle/problem.js';
import { openCliDatabase } from './database.js';

async function main(): Promise<number> {
  if (!(await seedFiles()).length) {
    console.error('There are no seed bundles (seed/*.yaml) to import.');
    return 1;
  }
  const { db, stop } = await openCliDatabase();
  try {
    await importSeed(db);
    return 0;
  } catch (error) {
    if (error instanceof BundleProblemsError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await stop();
  }
}

process.exitCode = await main();
