// npm run import -- FILE [--dry-run]
// Validates a case bundle against the model and the database, then writes it in one
// transaction. Problems print as `file:line  path  message`; any problem means exit 1 and
// nothing written.
import { readBundleFile } from '../bundle/parse.js';
import { importBundle, type ImportCounts, type ImportProgress } from '../bundle/importBundle.js';
import { formatProblem } from '../bundle/problem.js';
import { databaseDescription, openCliDatabase } from './database.js';

const USAGE = 'Usage: npm run import -- FILE [--dry-run]';

function describeCounts(counts: ImportCounts): string {
  const nodes = Object.values(counts.nodes);
  const created = nodes.reduce((n, c) => n + c.created, 0);
  const updated = nodes.reduce((n, c) => n + c.updated, 0);
  const relations = Object.values(counts.relations).reduce((n, c) => n + c, 0);
  const perType = Object.entries(counts.nodes).map(([label, c]) => `${label} ${c.created + c.updated}`).join(', ');
  return `${created + updated} nodes (${created} new, ${updated} updated: ${perType}), ${relations} relationships`;
}

/** Reports every tenth of the way on large bundles; small ones finish before it matters. */
function progressReporter() {
  let lastTenth = 0;
  return ({ step, done, total }: ImportProgress) => {
    if (total < 5000) return;
    const tenth = Math.floor((done / total) * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      process.stderr.write(`  ${tenth * 10}% written (${done}/${total}, ${step})\n`);
    }
  };
}

async function main(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
  if (files.length !== 1 || unknown.length) {
    console.error(USAGE);
    return 2;
  }
  const bundle = await readBundleFile(files[0]).catch((error: NodeJS.ErrnoException) => {
    console.error(`Cannot read ${files[0]}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
    return undefined;
  });
  if (!bundle) return 1;
  if (bundle.problems.length) {
    for (const problem of bundle.problems) console.log(formatProblem(problem));
    return 1;
  }
  console.error(`${dryRun ? 'Checking' : 'Importing'} ${files[0]} ${dryRun ? 'against' : 'into'} ${databaseDescription()}.`);
  const { db, stop } = await openCliDatabase();
  try {
    const result = await importBundle(db, bundle, { dryRun, onProgress: progressReporter() });
    if (!result.ok) {
      for (const problem of result.problems) console.log(formatProblem(problem));
      console.error(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was written.`);
      return 1;
    }
    console.log(dryRun
      ? `Dry run: case ${result.caseId} is valid and would write ${describeCounts(result.counts)}. Nothing was written.`
      : `Imported case ${result.caseId}: ${describeCounts(result.counts)}${result.counts.removed ? `; ${result.counts.removed} dropped nodes removed` : ''}. Data version ${result.dataVersion}.`);
    return 0;
  } finally {
    await stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
