// npm run bench -- --scale S [--seed N] [--runs N] [--json FILE] [--keep]
// Generates the national synthetic case (bench/nationalCase.ts), imports it into a private
// Neo4j, and measures: import facts per second, batched and row by row (one statement per
// fact, on a sample); re-import of the unchanged bundle; the derive step (within the import);
// p50/p95 of each question over warm calls, through GraphQL over HTTP to a separate server
// process and as the same Cypher replayed through the raw driver, with their ratio; server
// RSS; Neo4j heap; the explorer drawing a 5,000-element view in headless Chromium; and the
// explorer's landing on each seed case, to the story drawn, in headless Chromium.
// `--only landing`: just the landing (a private Neo4j with the seed cases and the server).
// `--only whoCan`: whoCan read from the derived holdings and from the live derivation (bench/whoCanDerived.ts).
// `--only draw [--elements N]`: just the explorer drawing a large view (no Neo4j), --runs times (default 3).
// Prints a table and, with --json, the figures in the shape issue 10 gives. Asserts nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ManagedTransaction } from 'neo4j-driver';
import { projectRoot } from '../server/config.js';
import { loadConfig } from '../server/config.js';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { openBundleFile } from '../server/bundle/bundleStream.js';
import { importBundle } from '../server/bundle/importBundle.js';
import { createApp } from '../server/http/app.js';
import { createGraphQL } from '../server/graphql/server.js';
import { testNeo4jOptions } from '../test/support/testNeo4j.js';
import { ids, nationalShape, writeNationalCase } from './nationalCase.js';
import { drawExplorerView } from './explorerDraw.js';
import { measureLanding, type LandingFigure } from './explorerLanding.js';
import { importSeed } from '../server/bundle/seedOnEmpty.js';
import { defaultBundleFile, option } from './generate.js';
import { freePort } from '../server/freePort.js';
import { whoCanOnly } from './whoCanDerived.js';
import type { FindingsDeriveReport } from '../server/analyses/derived/deriveFindings.js';

const args = process.argv.slice(2);
const scale = Number(option(args, 'scale') ?? 0.01);
const seed = Number(option(args, 'seed') ?? 1);
const runs = Number(option(args, 'runs') ?? 200);
/** Stop a question's runs early when they take longer than this (the count run is reported). */
const budgetMs = Number(option(args, 'budget') ?? 90_000);
const jsonFile = option(args, 'json');
const log = (line: string) => process.stderr.write(`${line}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

async function timeRuns(work: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await work(); // warm: plans cached, pages in memory
  const times: number[] = [];
  const started = performance.now();
  while (times.length < runs && (times.length < 5 || performance.now() - started < budgetMs)) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), runs: times.length };
}

/**
 * A Database that notes every statement the API runs, to replay the same Cypher through the
 * raw driver. The server asks through a per-request view (`withDeadline`), so the views it
 * makes record too: without that, nothing was recorded and the raw replay timed no statement.
 */
function recording(db: Database): { db: Database; take(): [string, Record<string, unknown>][] } {
  let statements: [string, Record<string, unknown>][] = [];
  const wrap = (base: Database): Database => {
    const original = base.read.bind(base);
    const recorder = Object.create(base) as Database;
    recorder.read = <T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number) =>
      original(
        (tx) =>
          work(
            new Proxy(tx, {
              get(target, key) {
                if (key === 'run')
                  return (cypher: string, params?: Record<string, unknown>) => {
                    statements.push([cypher, params ?? {}]);
                    return target.run(cypher, params);
                  };
                const value = Reflect.get(target, key);
                return typeof value === 'function' ? value.bind(target) : value;
              },
            }),
          ),
        timeoutMs,
      );
    recorder.query = async <T>(cypher: string, params: Record<string, unknown> = {}) =>
      recorder.read(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
    recorder.withDeadline = (ms: number) => wrap(base.withDeadline(ms));
    return recorder;
  };
  return {
    db: wrap(db),
    take: () => {
      const taken = statements;
      statements = [];
      return taken;
    },
  };
}

async function post(url: string, query: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string }[]; data?: unknown };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0].message}`);
  return body.data;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024, 0);
}

async function startServer(neo4j: { uri: string; user: string; password: string }): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server', 'main.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      PORT: String(port),
      QUANZE_SEED: 'false',
      QUANZE_QUERY_TIMEOUT_MS: '600000',
      QUANZE_REQUEST_DEADLINE_MS: '600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped: ${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become ready: ${output}`);
}

/** One statement per fact, each in its own transaction: the naive way, on the first actions of the bundle. */
async function rowByRow(db: Database, file: string, sample: number): Promise<number> {
  const actions: Record<string, unknown>[] = [];
  for await (const part of (await openBundleFile(file)).parts()) {
    const list = (part.data as { actions?: Record<string, unknown>[] }).actions;
    if (list) actions.push(...list.slice(0, sample - actions.length));
    if (actions.length >= sample) break;
  }
  const session = db.driver.session({ database: db.name });
  let facts = 0;
  const started = performance.now();
  try {
    for (const a of actions) {
      const id = `rowbyrow-${a.id}`;
      await session.run(
        'CREATE (a:BenchRowByRow {id: $id, summary: $summary, summaryZh: $summaryZh, startedAt: date($startedAt), purpose: $purpose, affectedCount: $count})',
        { id, summary: a.summary, summaryZh: a.summaryZh, startedAt: a.startedAt, purpose: a.purpose ?? null, count: a.affectedCount ?? null },
      );
      facts += 1;
      await session.run('MATCH (a:BenchRowByRow {id: $id}), (p:Place {id: $place}) CREATE (a)-[:IN]->(p)', { id, place: a.in });
      facts += 1;
      for (const power of a.exercised as string[]) {
        await session.run('MATCH (a:BenchRowByRow {id: $id}), (p:Power {id: $power}) CREATE (a)-[:EXERCISED]->(p)', { id, power });
        facts += 1;
      }
      for (const actor of a.performedBy as { id: string; role: string }[]) {
        await session.run(
          'MATCH (a:BenchRowByRow {id: $id}), (b {id: $actor}) WHERE b:Body OR b:Person CREATE (a)-[:PERFORMED_BY {role: $role}]->(b)',
          { id, actor: actor.id, role: actor.role },
        );
        facts += 1;
      }
      for (const e of a.evidence as { source: string; quote?: string; locator?: string }[]) {
        await session.run(
          'MATCH (a:BenchRowByRow {id: $id}), (s:Source {id: $source}) CREATE (a)-[:EVIDENCED_BY {quote: $quote, locator: $locator}]->(s)',
          { id, source: e.source, quote: e.quote ?? null, locator: e.locator ?? null },
        );
        facts += 1;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    await session.run('MATCH (a:BenchRowByRow) DETACH DELETE a');
    return round(facts / seconds, 0);
  } finally {
    await session.close();
  }
}

async function neo4jHeapMb(db: Database): Promise<number | null> {
  try {
    const [row] = await db.query<{ used: number }>(
      "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes.HeapMemoryUsage.value.properties.used AS used",
    );
    return round(Number(row.used) / 2 ** 20, 0);
  } catch {
    return null;
  }
}

/** The landing on every seed case, in the database the server reads (the seed is imported first). */
async function landing(db: Database, url: string): Promise<LandingFigure[] | { error: string }> {
  try {
    if (!fs.existsSync(path.join(projectRoot, 'dist', 'client', 'index.html'))) throw new Error('Build the client first: npm run build');
    await importSeed(db, () => {});
    const cases = ((await post(url, '{ cases(limit: 100) { id } }')) as { cases: { id: string }[] }).cases
      .map((c) => c.id)
      .filter((id) => !id.startsWith('national'));
    const figures = await measureLanding(url, cases, Number(option(args, 'landing-runs') ?? 3));
    for (const f of figures)
      log(
        `landing ${f.case} (${f.viewport}): findings listed ${f.findingsMs} ms, story drawn ${f.drawnMs} ms, done ${f.readyMs} ms; last request started ${f.lastRequestStartMs} ms after the first (median of ${f.runs})`,
      );
    return figures;
  } catch (error) {
    log(`landing: could not be measured: ${(error as Error).message.split('\n')[0]}`);
    return { error: (error as Error).message.split('\n')[0] };
  }
}

/** `--only landing`: a private Neo4j with the seed cases, the server as its own process, and the landing measured. */
async function landingOnly(): Promise<void> {
  const options = await testNeo4jOptions('bench-landing');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap: '1g', pageCache: '512m', log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 600_000 });
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    await migrate(db);
    server = await startServer(neo4j);
    const result = { landing: await landing(db, server.url), serverRssMb: rssMb(server.child.pid!) };
    console.log(JSON.stringify(result, null, 2));
    if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
    if (!args.includes('--keep')) fs.rmSync(options.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (option(args, 'only') === 'landing') return landingOnly();
  if (option(args, 'only') === 'whoCan') return whoCanOnly({ scale, seed, runs, jsonFile });
  if (option(args, 'only') === 'draw') {
    for (let i = 0; i < Number(option(args, 'runs') ?? 3); i++) {
      const { elements, drawMs, mainThreadCpuMs } = await drawExplorerView(Number(option(args, 'elements') ?? 5000));
      log(
        `explorer: ${elements} elements laid out and drawn in ${drawMs} ms, ${mainThreadCpuMs} ms of main-thread CPU (load ${os.loadavg()[0].toFixed(1)})`,
      );
    }
    return;
  }
  const shape = nationalShape(scale);
  const file = defaultBundleFile(scale, seed);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let t = performance.now();
  const generated = await writeNationalCase(file, { scale, seed });
  log(`generated ${generated.items.toLocaleString('en')} items in ${((performance.now() - t) / 1000).toFixed(1)} s → ${file}`);

  const heap = process.env.QUANZE_NEO4J_HEAP ?? (scale >= 0.5 ? '4g' : scale >= 0.05 ? '2g' : '1g');
  const pageCache = process.env.QUANZE_NEO4J_PAGECACHE ?? (scale >= 0.5 ? '3g' : scale >= 0.05 ? '1g' : '512m');
  const options = await testNeo4jOptions('bench');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap, pageCache, log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    await migrate(db);
    t = performance.now();
    let lastLog = 0;
    const imported = await importBundle(db, await openBundleFile(file), {
      timeoutMs: 3_600_000,
      onProgress: (p) => {
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`  ${p.step}: ${p.done}/${p.total}, ${p.written} facts, ${Math.round(p.written / ((performance.now() - t) / 1000))} facts/s`);
        }
      },
    });
    if (!imported.ok) throw new Error(`The generated bundle was refused: ${JSON.stringify(imported.problems.slice(0, 5))}`);
    // The derive step (holdings inside the switch-over, findings after it) is reported on its own
    // (deriveSeconds), not counted in the import's facts per second.
    const deriveSeconds = (imported.derivedHoldings?.seconds ?? 0) + (imported.derivedFindings?.seconds ?? 0);
    const importSeconds = (performance.now() - t) / 1000 - deriveSeconds;
    const facts = imported.written ?? 0;
    log(`import: ${facts.toLocaleString('en')} facts in ${importSeconds.toFixed(1)} s`);
    const derived = imported.derivedHoldings;
    if (derived) log(`derive (within the import): ${derived.grants} grants, ${derived.holdings} holdings in ${derived.seconds.toFixed(1)} s`);
    const findings = imported.derivedFindings;
    if (findings) log(findingsLine('derive (after the import)', findings));
    // The derive runs in this process: its peak memory is this process's peak so far.
    const peakRssAfterImportMb = round(process.resourceUsage().maxRSS / 1024, 0);
    log(`peak RSS of the benchmark process after the import and its derive: ${peakRssAfterImportMb} MB`);

    t = performance.now();
    const again = await importBundle(db, await openBundleFile(file), { timeoutMs: 3_600_000 });
    // As for the import, the findings step after it (which looks at the case's links again even when nothing changed) is reported on its own.
    const reimportDeriveSeconds = again.derivedFindings?.seconds ?? 0;
    const reimportSeconds = (performance.now() - t) / 1000 - reimportDeriveSeconds;
    log(
      `re-import unchanged: ${reimportSeconds.toFixed(2)} s, ${again.written} facts written; then its findings step ${reimportDeriveSeconds.toFixed(1)} s`,
    );
    if (again.derivedFindings) log(findingsLine('re-import', again.derivedFindings));

    const rowByRowFactsPerSecond = await rowByRow(db, file, 300);
    log(`row by row: ${rowByRowFactsPerSecond} facts/s`);

    // The questions: the API over HTTP (a separate server process), and the same Cypher replayed through the driver.
    server = await startServer(neo4j);
    const recorder = recording(db);
    const inProcess = await createGraphQL(recorder.db, loadConfig({ QUANZE_REQUEST_DEADLINE_MS: '600000', QUANZE_QUERY_TIMEOUT_MS: '600000' }));
    const app = createApp({ db: recorder.db, mountGraphQL: inProcess.mount });
    const local = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const localUrl = `http://127.0.0.1:${(local.address() as net.AddressInfo).port}`;

    const caseId = generated.caseId;
    const county = ids.county(Math.floor(shape.counties / 2));
    const province = ids.province(0);
    const questions: Record<string, string> = {
      whoCanCounty: `{ whoCan(power: "nat.assign", place: "${county}", at: "2022-06-13") { holders { body { id } } } }`,
      whoCanCountry: `{ whoCan(power: "nat.assign", at: "2022-06-13", limit: 50) { holders { body { id } } } }`,
      whoDid: `{ whoDid(power: "nat.assign", place: "${province}", from: "2022-06-01", to: "2022-06-30", limit: 50) { actions { id } } }`,
      explain: `{ explain(body: "${county}-health", power: "nat.assign", place: "${county}", at: "2022-06-13") { verdict } }`,
      gapsFirstPage: `{ gaps(case: "${caseId}", limit: 50) { findings { id } } }`,
      search: `{ search(text: "第12县", limit: 20) { hits { node { id } } } }`,
      neighborhood: `{ neighborhood(id: "${county}-hq", depth: 1, limit: 300) { nodes { id } } }`,
    };
    const api: Record<string, Timing> = {};
    const raw: Record<string, Timing> = {};
    // The first gaps page right after the import, before anything is remembered: what a reader waits for.
    t = performance.now();
    // When the findings were not stored, this call computes them (minutes at scale): a failure is reported, not fatal.
    const gapsFirstCallMs = await post(server.url, questions.gapsFirstPage).then(
      () => round(performance.now() - t, 0),
      (error: unknown) => (
        log(`gaps first page, first call after the import: failed after ${round(performance.now() - t, 0)} ms: ${(error as Error).message}`),
        null
      ),
    );
    if (gapsFirstCallMs !== null) log(`gaps first page, first call after the import: ${gapsFirstCallMs} ms`);
    for (const [name, query] of Object.entries(questions)) {
      try {
        recorder.take();
        await post(localUrl, query);
        const statements = recorder.take();
        api[name] = await timeRuns(() => post(server!.url, query));
        const session = db.driver.session({ database: db.name, defaultAccessMode: 'READ' });
        try {
          raw[name] = await timeRuns(async () => {
            for (const [cypher, params] of statements) await session.run(cypher, params);
          });
        } finally {
          await session.close();
        }
        log(
          `${name.padEnd(14)} API p50 ${api[name].p50} ms p95 ${api[name].p95} ms (${api[name].runs} runs) | raw Cypher (${statements.length} statements) p50 ${raw[name].p50} ms p95 ${raw[name].p95} ms (${raw[name].runs} runs)`,
        );
      } catch (error) {
        log(`${name}: could not be measured: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    await new Promise((resolve) => local.close(resolve));
    const serverRssMb = rssMb(server.child.pid!);
    const neo4jHeapUsedMb = await neo4jHeapMb(db);

    let explorer: { elements: number; drawMs: number } | { error: string };
    try {
      explorer = await drawExplorerView(5000);
      log(`explorer: ${explorer.elements} elements laid out and drawn in ${explorer.drawMs} ms`);
    } catch (error) {
      explorer = { error: (error as Error).message.split('\n')[0] };
      log(`explorer: could not be measured: ${explorer.error}`);
    }

    const landed = await landing(db, server.url);

    const ratio = (name: string) => (api[name] && raw[name] && raw[name].p95 > 0 ? round(api[name].p95 / raw[name].p95, 2) : null);
    const result = {
      scale,
      items: generated.items,
      importFactsPerSecond: round(facts / importSeconds, 0),
      rowByRowFactsPerSecond,
      deriveSeconds: round(deriveSeconds, 2),
      p95Ms: Object.fromEntries(Object.keys(questions).map((name) => [name, api[name]?.p95 ?? null])),
      apiOverRaw: { whoCanCounty: ratio('whoCanCounty'), gapsFirstPage: ratio('gapsFirstPage') },
      serverRssMb,
      // Beyond the shape of issue 10: what the figures above rest on.
      details: {
        seed,
        facts,
        gapsFirstCallMs,
        loadAverage: os.loadavg().map((x) => round(x, 1)),
        importSeconds: round(importSeconds),
        reimportUnchangedSeconds: round(reimportSeconds, 2),
        reimportDeriveSeconds: round(reimportDeriveSeconds, 2),
        reimportWritten: again.written,
        derive: derived ?? null,
        derivedFindings: findings ?? null,
        reimportDerivedFindings: again.derivedFindings ?? null,
        peakRssAfterImportMb,
        peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
        p50Ms: Object.fromEntries(Object.keys(questions).map((name) => [name, api[name]?.p50 ?? null])),
        rawP95Ms: Object.fromEntries(Object.keys(questions).map((name) => [name, raw[name]?.p95 ?? null])),
        runs: Object.fromEntries(Object.keys(questions).map((name) => [name, api[name]?.runs ?? null])),
        apiOverRawAll: Object.fromEntries(Object.keys(questions).map((name) => [name, ratio(name)])),
        neo4jHeapUsedMb,
        neo4jHeap: heap,
        neo4jPageCache: pageCache,
        explorer5000: explorer,
        landing: landed,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
    if (!args.includes('--keep')) fs.rmSync(options.dataDir, { recursive: true, force: true });
  }
}

/** The findings step of an import, its failure included (the import stays done when it fails, so nothing else says it did). */
function findingsLine(step: string, findings: FindingsDeriveReport): string {
  const sets = findings.sets.length ? findings.sets.join(', ') : 'none';
  const outcome = findings.error ? `FAILED: ${findings.error.split('\n')[0]}` : 'done';
  return `${step}: findings step ${outcome}; ${findings.findings} findings in ${findings.seconds.toFixed(1)} s; sets stored: ${sets}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
