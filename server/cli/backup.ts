// npm run backup -- --out DIR
// Writes every case in the database to DIR as bundles (one YAML file per case, the same as
// `npm run export`) and DIR/backup.json, which lists them with their SHA-256. Restore with
// `npm run restore -- --from DIR`.
import { BackupError, backupTo } from '../bundle/backup.js';
import { databaseDescription, withCliDatabase } from './database.js';

const USAGE = 'Usage: npm run backup -- --out DIR';

async function main(args: string[]): Promise<number> {
  if (args.length !== 2 || args[0] !== '--out' || !args[1]) {
    console.error(USAGE);
    return 2;
  }
  const dir = args[1];
  console.error(`Backing up every case of ${databaseDescription()} into ${dir}.`);
  return withCliDatabase([BackupError], async (db) => {
    const { manifest, orphans } = await backupTo(db, dir);
    const bytes = manifest.cases.reduce((n, c) => n + c.bytes, 0);
    console.log(
      `Backed up ${manifest.cases.length} case(s), ${bytes.toLocaleString('en')} bytes, at data version ${manifest.dataVersion}, into ${dir}.`,
    );
    if (orphans) console.error(`Note: ${orphans} node(s) belong to no case and are not in the backup (bundles carry cases only).`);
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
