// npm run export -- CASE_ID [FILE]
// Writes one case as a bundle (YAML) to FILE, or to stdout when no FILE is given.
import { writeFile } from 'node:fs/promises';
import { bundleYaml, CaseNotFoundError, exportBundle } from '../bundle/exportBundle.js';
import { databaseDescription, withCliDatabase } from './database.js';

const USAGE = 'Usage: npm run export -- CASE_ID [FILE]';

async function main(args: string[]): Promise<number> {
  if (args.length < 1 || args.length > 2 || args.some((a) => a.startsWith('--'))) {
    console.error(USAGE);
    return 2;
  }
  const [caseId, file] = args;
  console.error(`Exporting case ${caseId} from ${databaseDescription()}.`);
  return withCliDatabase([CaseNotFoundError], async (db) => {
    const yaml = bundleYaml(await exportBundle(db, caseId));
    if (file) {
      await writeFile(file, yaml);
      console.error(`Wrote case ${caseId} to ${file}.`);
    } else {
      process.stdout.write(yaml);
    }
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
