// npm run restore -- --from DIR
// Imports every case of a backup written by `npm run backup`, checking each file against the
// SHA-256 in DIR/backup.json first. Each case goes through the ordinary import (all of it or
// nothing, every bundle rule); restore into an empty database to get back the graph that was
// backed up. Cases already there are updated to the backup's version; other cases stay.
import { userInfo } from 'node:os';
import { BackupError, restoreFrom } from '../bundle/backup.js';
import { formatProblem } from '../bundle/problem.js';
import { databaseDescription, withCliDatabase } from './database.js';

const USAGE = 'Usage: npm run restore -- --from DIR';

async function main(args: string[]): Promise<number> {
  if (args.length !== 2 || args[0] !== '--from' || !args[1]) {
    console.error(USAGE);
    return 2;
  }
  const dir = args[1];
  console.error(`Restoring the backup in ${dir} into ${databaseDescription()}.`);
  return withCliDatabase([BackupError], async (db) => {
    const { restored, refused } = await restoreFrom(db, dir, { who: userInfo().username, via: 'cli' });
    for (const { id, problems } of refused) {
      console.log(`Case ${id} was not restored:`);
      for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
    }
    const written = restored.reduce((n, r) => n + (r.result.written ?? 0), 0);
    const version = restored.at(-1)?.result.dataVersion;
    console.log(
      `Restored ${restored.length} case(s), ${written.toLocaleString('en')} facts written${version !== undefined ? `; data version ${version}` : ''}.` +
        (refused.length ? ` ${refused.length} case(s) refused (above).` : ''),
    );
    return refused.length ? 1 : 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
