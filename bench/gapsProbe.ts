// npx tsx bench/gapsProbe.ts [--scale 0.01] [--seed] [--dump DIR] [--queries]: imports the national case at
// that scale (generate it first: npm run generate -- --scale 0.01), or with --seed the seed cases, into a
// private Neo4j; prints the findings derive of the import (wall time, findings, load), then times gaps'
// first page read from the stored findings, cold and warm, in process (no remembered answers).
// --queries: the time spent in each kind of statement during the import and its derive (summed over
// statements running at once, so more than the wall time when they overlap). --profile: PROFILE of each
// per-action statement of the findings asked about a batch of three actions, beside the whole case.
// --dump DIR: writes every finding of each case and reading as JSON (to compare two versions of the
// code byte for byte) and prints its sha256, and the stored sets paged back from the database
// (`<case>.<reading>.stored.json`, the same shape) with theirs. Prints the derive's CPU seconds (this process; Neo4j's are its own) and the
// process's peak RSS (process.resourceUsage().maxRSS) after the derive. Prints what docs/performance.md
// quotes. Asserts nothing.
// --at DAY: instead of the derive and the stored pages, computes every finding of the last case with
// that date in each reading, as gaps with a date does (never stored): its wall time, this process's
// CPU seconds, the RSS reached during it (sampled) and the process's peak RSS; with --dump, its JSON
// (`<case>.at-<DAY>.<reading>.json`) and sha256.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { openBundleFile } from '../server/bundle/bundleStream.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { readBundleFile } from '../server/bundle/parse.js';
import { seedFiles } from '../server/bundle/seedOnEmpty.js';
import { answerGaps } from '../server/analyses/derived/gapsAnswer.js';
import { storedPage } from '../server/analyses/derived/findingsStore.js';
import { caseFindings } from '../server/analyses/gaps.js';
import { expandFragments } from '../server/analyses/fragments.js';
import type { ProfiledPlan } from 'neo4j-driver';
import { deriveFindings } from '../server/analyses/derived/deriveFindings.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { defaultBundleFile } from '../bench/generate.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(option('scale') ?? 0.01);
const dump = option('dump');
const at = option('at');
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(1);
};

/** A stored set paged back whole, in caseFindings' shape, with its totals. */
async function storedSet(caseId: string, reading: 'AS_IT_STOOD' | 'AS_LATER_HELD') {
  const findings: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await storedPage(db, { case: caseId, reading, at: null, limit: 5000, after });
    if (!page) return null;
    findings.push(...page.findings);
    if (!page.hasNextPage) return { findings, total: page.total, byKind: page.byKind, bySeverity: page.bySeverity, incomplete: page.incomplete };
    after = page.endCursor;
  }
}

/** An operator of a profiled plan and those under it, one line each: what it read (rows) and its db hits. */
function planLines(plan: ProfiledPlan, depth = 0): string[] {
  const args = plan.arguments as Record<string, unknown>;
  const detail = typeof args.Details === 'string' ? args.Details.slice(0, 90) : '';
  return [
    `${'  '.repeat(depth)}${plan.operatorType} rows ${plan.rows} hits ${plan.dbHits}  ${detail}`,
    ...plan.children.flatMap((c) => planLines(c, depth + 1)),
  ];
}

/**
 * PROFILE of each per-action statement asked about one batch of three actions, beside the
 * whole case: a batch should read only its actions (an index seek per id), not the case's.
 */
async function profileBatch(caseId: string) {
  const actions = (
    await db.query<{ id: string }>(fs.readFileSync(path.join('server', 'analyses', 'gaps', 'caseActions.cypher'), 'utf8'), { case: caseId, at: null })
  ).map((r) => r.id);
  for (const kind of ['actorsOfActions', 'prohibitedAction', 'unattributedAction', 'heldUnlawful']) {
    const cypher = expandFragments(fs.readFileSync(path.join('server', 'analyses', 'gaps', kind, `${kind}.cypher`), 'utf8'));
    for (const [label, ids] of [
      ['3 actions', actions.slice(1000, 1003)],
      [`all ${actions.length} actions`, actions],
    ] as const) {
      const summary = await db.read(
        async (tx) => (await tx.run(`PROFILE ${cypher}`, { case: caseId, at: null, actions: ids, laterHeld: false })).summary,
      );
      const plan = summary.profile as ProfiledPlan;
      const lines = planLines(plan);
      console.log(
        `PROFILE ${kind}, ${label}: ${lines.length} operators, db hits ${lines.reduce((n, l) => n + Number(/hits (\d+)/.exec(l)?.[1] ?? 0), 0)}`,
      );
      if (label === '3 actions') for (const line of lines.filter((l) => /Action|IN_CASE|Unwind/.test(l))) console.log('   ', line);
    }
  }
}

/** Every finding of the case on `day` in each reading, computed whole as gaps with a date is: time, CPU, memory, and the JSON with --dump. */
async function findingsAt(caseId: string, day: string) {
  for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
    let sampled = process.memoryUsage().rss;
    const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 500);
    const cpu = process.cpuUsage();
    const t = performance.now();
    const all = await caseFindings(db, { case: caseId, at: day, reading });
    const seconds = ((performance.now() - t) / 1000).toFixed(1);
    clearInterval(sampler);
    console.log(
      `gaps at ${day}, ${reading}: ${all.findings.length} findings in ${seconds} s, cpu of this process ${cpuSeconds(cpu)} s;`,
      `rss during it at most ${mib(sampled)} MiB (sampled every 0.5 s); peak rss of the process ${mib(process.resourceUsage().maxRSS * 1024)} MiB; load ${load()}`,
    );
    if (!dump) continue;
    fs.mkdirSync(dump, { recursive: true });
    const json = JSON.stringify(all, null, 1);
    fs.writeFileSync(path.join(dump, `${caseId}.at-${day}.${reading}.json`), json);
    console.log('dump', caseId, day, reading, createHash('sha256').update(json).digest('hex').slice(0, 16));
  }
}

const options = await testNeo4jOptions('probe');
// QUANZE_NEO4J_HEAP and QUANZE_NEO4J_PAGECACHE as for the product (a first import at scale 1 needs about 4 GB of heap).
const neo4j = await startLocalNeo4j({
  ...options,
  heap: process.env.QUANZE_NEO4J_HEAP ?? '1g',
  pageCache: process.env.QUANZE_NEO4J_PAGECACHE ?? '512m',
  log: () => {},
});
const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });

// The time of each kind of statement, named by its first line (an analysis's header comment).
const spent = new Map<string, { ms: number; n: number }>();
if (args.includes('--queries')) {
  const query = db.query.bind(db);
  db.query = async <T>(cypher: string, params?: Record<string, unknown>): Promise<T[]> => {
    const t = performance.now();
    try {
      return await query<T>(cypher, params);
    } finally {
      const name = cypher.trim().split('\n')[0].slice(0, 70);
      const s = spent.get(name) ?? { ms: 0, n: 0 };
      spent.set(name, { ms: s.ms + performance.now() - t, n: s.n + 1 });
    }
  };
}

try {
  await migrate(db);
  const cases: string[] = [];
  const files = args.includes('--seed') ? await seedFiles() : [defaultBundleFile(scale, 1)];
  console.log('load before', load());
  for (const file of files) {
    const t = performance.now();
    const bundle = file.endsWith('.ndjson') ? await openBundleFile(file) : await readBundleFile(file);
    // The derive is run here, after the import, so its own time, CPU and memory can be told apart.
    const imported = await importBundle(db, bundle, { timeoutMs: 3_600_000, findings: 'later' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 3)));
    cases.push(imported.caseId!);
    const importSeconds = ((performance.now() - t) / 1000).toFixed(1);
    if (at) continue;
    const peakBefore = process.resourceUsage().maxRSS;
    let sampled = 0;
    const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 500);
    const cpu = process.cpuUsage();
    const derived = await deriveFindings(db, imported.caseId!);
    clearInterval(sampler);
    if (derived.error) console.log('the findings derive failed:', derived.error);
    console.log(
      `import of ${imported.caseId}: ${importSeconds} s (peak rss ${mib(peakBefore * 1024)} MiB); findings derive ${derived.seconds} s,`,
      `${derived.findings} findings in ${derived.sets.length} sets, cpu of this process ${cpuSeconds(cpu)} s;`,
      `rss during the derive at most ${mib(sampled)} MiB (sampled every 0.5 s); peak rss of the process ${mib(process.resourceUsage().maxRSS * 1024)} MiB; load ${load()}`,
    );
  }
  if (at) await findingsAt(cases.at(-1)!, at);
  else {
    if (spent.size) {
      for (const [name, s] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
        console.log(`${(s.ms / 1000).toFixed(1).padStart(8)} s ${String(s.n).padStart(7)}x  ${name}`);
    }
    if (dump) {
      fs.mkdirSync(dump, { recursive: true });
      for (const caseId of cases) {
        for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
          const json = JSON.stringify(await caseFindings(db, { case: caseId, at: null, reading }), null, 1);
          fs.writeFileSync(path.join(dump, `${caseId}.${reading}.json`), json);
          console.log('dump', caseId, reading, createHash('sha256').update(json).digest('hex').slice(0, 16));
          const stored = JSON.stringify(await storedSet(caseId, reading), null, 1);
          fs.writeFileSync(path.join(dump, `${caseId}.${reading}.stored.json`), stored);
          console.log('dump stored', caseId, reading, createHash('sha256').update(stored).digest('hex').slice(0, 16));
        }
      }
    }
    const caseId = cases.at(-1)!;
    if (args.includes('--profile')) await profileBatch(caseId);
    for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD', 'AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
      let t = performance.now();
      const a = await answerGaps(db, { case: caseId, reading, limit: 50 });
      const full = performance.now() - t;
      t = performance.now();
      await storedPage(db, { case: caseId, reading, at: null, limit: 50 });
      const page = performance.now() - t;
      t = performance.now();
      const last = await answerGaps(db, { case: caseId, reading, limit: 50, after: a.findings.at(-1)?.id ?? null });
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
    console.log('50 warm calls: p50', Math.round(times[24]), 'p95', Math.round(times[47]), 'load', load());
  }
} finally {
  await db.close();
  await neo4j.stop();
  fs.rmSync(options.dataDir, { recursive: true, force: true });
}
