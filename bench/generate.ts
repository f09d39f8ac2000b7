// npm run generate -- --scale S [--seed N] [--out FILE]
// Writes the national synthetic case (bench/nationalCase.ts) as an NDJSON bundle, streaming:
// the same scale and seed always give the same file. Import it with `npm run import -- FILE`.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { projectRoot } from '../server/config.js';
import { writeNationalCase } from './nationalCase.js';

const USAGE = 'Usage: npm run generate -- --scale S [--seed N] [--out FILE]   (scale 1: 34 provinces, 1,000,000 actions)';

export function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

export function defaultBundleFile(scale: number, seed: number): string {
  return path.join(projectRoot, '.data', 'generated', `national-s${scale}-r${seed}.ndjson`);
}

async function main(args: string[]): Promise<number> {
  const scale = Number(option(args, 'scale'));
  const seed = Number(option(args, 'seed') ?? 1);
  if (!(scale > 0) || !Number.isInteger(seed)) {
    console.error(USAGE);
    return 2;
  }
  const out = path.resolve(option(args, 'out') ?? defaultBundleFile(scale, seed));
  mkdirSync(path.dirname(out), { recursive: true });
  const started = Date.now();
  const { items, caseId, shape } = await writeNationalCase(out, { scale, seed });
  console.log(
    `Wrote case ${caseId} to ${out}: ${items.toLocaleString('en')} items (${shape.provinces} provinces, ${shape.prefectures} prefectures, ${shape.counties} counties, ${shape.actions.toLocaleString('en')} actions, ${shape.statements.toLocaleString('en')} statements) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
