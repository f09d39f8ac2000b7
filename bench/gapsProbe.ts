// npx tsx bench/gapsProbe.ts: imports the national case at scale 0.01 (generate it first: npm run generate -- --scale 0.01)
// into a private Neo4j and times gaps' first page read from the stored findings, cold and warm, in process
// (no remembered answers). Prints what docs/performance.md quotes. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { openBundleFile } from '../server/bundle/bundleStream.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { answerGaps } from '../server/analyses/derived/gapsAnswer.js';
import { storedPage } from '../server/analyses/derived/findingsStore.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { defaultBundleFile } from '../bench/generate.js';

const file = defaultBundleFile(0.01, 1);
const options = await testNeo4jOptions('probe');
const neo4j = await startLocalNeo4j({ ...options, heap: '1g', pageCache: '512m', log: () => {} });
const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });
try {
  await migrate(db);
  const imported = await importBundle(db, await openBundleFile(file), { timeoutMs: 3_600_000 });
  console.log('derive', imported.derivedFindings?.seconds, imported.derivedFindings?.findings, 'load', os.loadavg());
  const caseId = imported.caseId!;
  for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD', 'AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
    let t = performance.now();
    const a = await answerGaps(db, { case: caseId, reading, limit: 50 });
    const full = performance.now() - t;
    t = performance.now();
    await storedPage(db, { case: caseId, reading, at: null, limit: 50 });
    const page = performance.now() - t;
    t = performance.now();
    const last = await answerGaps(db, { case: caseId, reading, limit: 50, after: a.findings.at(-1)!.id });
    console.log(
      reading,
      'answerGaps first page',
      Math.round(full),
      'ms; storedPage',
      Math.round(page),
      'ms; second page',
      Math.round(performance.now() - t),
      'ms; total',
      a.total,
      last.findings.length,
    );
  }
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await answerGaps(db, { case: caseId, reading: 'AS_IT_STOOD', limit: 50 });
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  console.log('50 warm calls: p50', Math.round(times[24]), 'p95', Math.round(times[47]), 'load', os.loadavg());
} finally {
  await db.close();
  await neo4j.stop();
  fs.rmSync(options.dataDir, { recursive: true, force: true });
}
