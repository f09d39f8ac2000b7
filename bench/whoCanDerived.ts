// `npm run bench -- --only whoCan --scale S [--runs N] [--json FILE]`: whoCan on the national
// synthetic case read from the derived holdings (what the server runs) and from the live
// derivation the server ran before them (test/support/liveWhoCan.cypher), in one run on one
// private Neo4j, so both see the same machine load. Reports the derive step of the import, a
// full derive of every grant, and p50/p95 of whoCan for one county and for the whole country,
// in process (the analysis function, no HTTP), each way, alternating call by call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { openBundleFile } from '../server/bundle/bundleStream.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { whoCan, type HoldingSource } from '../server/analyses/whoCan.js';
import { deriveAll, markDerived } from '../server/derive/derive.js';
import { liveHoldingRows } from '../test/support/liveHoldings.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { ids, nationalShape, writeNationalCase } from './nationalCase.js';
import { defaultBundleFile } from './generate.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const load = () => os.loadavg().map((x) => round(x, 2));

export async function whoCanOnly({ scale, seed, runs, jsonFile }: { scale: number; seed: number; runs: number; jsonFile?: string }): Promise<void> {
  const loadAtStart = load();
  const shape = nationalShape(scale);
  const file = defaultBundleFile(scale, seed);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await writeNationalCase(file, { scale, seed });
  const options = await testNeo4jOptions('bench-whocan');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap: '1g', pageCache: '512m', log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });
  try {
    await migrate(db);
    let t = performance.now();
    const imported = await importBundle(db, await openBundleFile(file), { timeoutMs: 3_600_000 });
    if (!imported.ok) throw new Error(`refused: ${JSON.stringify(imported.problems.slice(0, 3))}`);
    const importSeconds = (performance.now() - t) / 1000;
    log(`import: ${imported.written} facts in ${importSeconds.toFixed(1)} s; derive within it: ${JSON.stringify(imported.derivedHoldings)}`);

    t = performance.now();
    const full = await db.write(async (tx) => {
      const done = await deriveAll(tx);
      await markDerived(tx, imported.dataVersion ?? 0);
      return done;
    }, 3_600_000);
    const fullSeconds = (performance.now() - t) / 1000;
    log(`full derive: ${full.grants} grants, ${full.holdings} holdings in ${fullSeconds.toFixed(1)} s`);

    const county = ids.county(Math.floor(shape.counties / 2));
    const questions = {
      whoCanCounty: { power: 'nat.assign', place: county, at: '2022-06-13' },
      whoCanCountry: { power: 'nat.assign', at: '2022-06-13', limit: 50 },
    };
    const sources: Record<string, HoldingSource | undefined> = { derived: undefined, live: liveHoldingRows };
    const figures: Record<string, Record<string, { p50: number; p95: number; runs: number; holders: number }>> = {};
    for (const [name, question] of Object.entries(questions)) {
      const times: Record<string, number[]> = { derived: [], live: [] };
      const holders: Record<string, number> = {};
      for (let i = 0; i < runs + 3; i++) {
        for (const [way, source] of Object.entries(sources)) {
          const started = performance.now();
          const answer = await whoCan(db, question, source);
          if (i >= 3) times[way].push(performance.now() - started); // three warm-up calls each
          holders[way] = answer.holders.length;
        }
      }
      figures[name] = Object.fromEntries(
        Object.entries(times).map(([way, list]) => {
          const sorted = [...list].sort((a, b) => a - b);
          return [way, { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), runs: sorted.length, holders: holders[way] }];
        }),
      );
      log(`${name}: ${JSON.stringify(figures[name])}`);
    }
    const result = {
      scale,
      seed,
      items: imported.written,
      importSeconds: round(importSeconds),
      deriveSeconds: round(imported.derivedHoldings?.seconds ?? 0, 2),
      derive: imported.derivedHoldings,
      fullDerive: { ...full, seconds: round(fullSeconds, 2) },
      whoCan: figures,
      loadAverage: { atStart: loadAtStart, atEnd: load(), cores: os.cpus().length },
    };
    console.log(JSON.stringify(result, null, 2));
    if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.close();
    await neo4j.stop();
    fs.rmSync(options.dataDir, { recursive: true, force: true });
  }
}
