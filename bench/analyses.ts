// Benchmark: imports a synthetic case of a chosen size into a private Neo4j and times the
// import and each question. Prints its figures; it asserts nothing (targets live here, not in tests).
//   npm run bench            (default size)
//   npm run bench -- --provinces 31 --cities 12 --actions 6 --statements 4
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { bundleFromData } from '../server/bundle/parse.js';
import { whoCan } from '../server/analyses/whoCan.js';
import { whoDid } from '../server/analyses/whoDid.js';
import { gaps } from '../server/analyses/gaps.js';
import { search } from '../server/analyses/search.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { syntheticCase, type SyntheticSize } from './syntheticCase.js';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function timed<T>(label: string, runs: number, work: () => Promise<T>): Promise<T> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(8)} ms   min ${times[0].toFixed(1).padStart(8)} ms   (${runs} runs)`);
  return result;
}

async function main() {
  const size: SyntheticSize = {
    provinces: arg('provinces', 31),
    citiesPerProvince: arg('cities', 10),
    actionsPerCity: arg('actions', 5),
    statementsPerCity: arg('statements', 4),
  };
  const options = await testNeo4jOptions('bench');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap: '1g', pageCache: '512m', log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 300_000 });
  try {
    await migrate(db);
    const bundle = syntheticCase(size);
    const items = ['places', 'bodies', 'persons', 'instruments', 'provisions', 'grants', 'actions', 'statements']
      .reduce((n, key) => n + (bundle as unknown as Record<string, unknown[]>)[key].length, 0);
    console.log(`Synthetic case: ${JSON.stringify(size)} → ${items} items`);
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await timed('import (validate + one transaction)', 1, () => importBundle(db, bundleFromData(bundle), { timeoutMs: 600_000 }));
    if (!result.ok) throw new Error(`synthetic bundle refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
    console.log(`  node heap grew by ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MiB during import`);
    await timed('re-import of the same bundle (no change)', 1, () => importBundle(db, bundleFromData(bundle), { timeoutMs: 600_000 }));

    const city = 'x-p3-c2';
    await timed('whoCan(bench.code, one city)', 7, () => whoCan(db, { power: 'bench.code', place: city, at: '2022-06-13' }));
    await timed('whoCan(bench.code, whole country)', 5, () => whoCan(db, { power: 'bench.code', at: '2022-06-13', limit: 200 }));
    await timed('whoDid(bench.assign, one province, June)', 7, () =>
      whoDid(db, { power: 'bench.assign', place: 'x-p3', from: '2022-06-01', to: '2022-06-30' }));
    await timed('gaps(bench-case)', 3, () => gaps(db, { case: 'bench-case', at: '2022-06-30' }));
    await timed('search("大数据")', 7, () => search(db, { text: '大数据', limit: 20 }));
    await timed('search("city 3.2 health")', 7, () => search(db, { text: 'city 3.2 health', limit: 20 }));
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(`node process RSS at the end: ${rss.toFixed(0)} MiB`);
  } finally {
    await db.close();
    await neo4j.stop();
    fs.rmSync(options.dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
