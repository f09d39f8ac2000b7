// The questions of the benchmark, measured the same way by the full run (bench/bench.ts) and by
// `npm run bench -- --only questions --scale S`: each question through GraphQL over HTTP to a
// separate server process, and the same Cypher replayed through the raw driver, p50/p95 over warm
// calls. `--only questions` starts Neo4j on the data a `--keep` run left (the newest
// .data/test/bench-* folder, or `--data DIR`), runs the migrations and measures, without importing.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ManagedTransaction } from 'neo4j-driver';
import { loadConfig, projectRoot } from '../server/config.js';
import { Database } from '../server/neo4j/database.js';
import { migrate } from '../server/neo4j/migrations.js';
import { startLocalNeo4j } from '../server/neo4j/localNeo4j.js';
import { createApp } from '../server/http/app.js';
import { createGraphQL } from '../server/graphql/server.js';
import { freePort } from '../server/freePort.js';
import { ids, nationalShape } from './nationalCase.js';
import { startOurServer } from '../test/support/ourProcess.js';

export interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

export interface RunLimits {
  runs: number;
  /** Stop a question's runs early when they take longer than this, ms (the count run is reported). */
  budgetMs: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function timeRuns(work: () => Promise<unknown>, limits: RunLimits): Promise<Timing> {
  for (let i = 0; i < 3; i++) await work(); // warm: plans cached, pages in memory
  const times: number[] = [];
  const started = performance.now();
  while (times.length < limits.runs && (times.length < 5 || performance.now() - started < limits.budgetMs)) {
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
function recording(db: Database): { db: Database; take(): [string, Record<string, unknown>][]; transactions(): number } {
  let statements: [string, Record<string, unknown>][] = [];
  let transactions = 0;
  const wrap = (base: Database): Database => {
    const original = base.read.bind(base);
    const recorder = Object.create(base) as Database;
    recorder.read = <T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number) => {
      transactions += 1;
      return original(
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
    };
    // Through `this.read`, as Database.query does, so a view made from the recorder (the server's batchedReads) sees every read.
    recorder.query = async function <T>(this: Database, cypher: string, params: Record<string, unknown> = {}) {
      return this.read(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject() as T));
    };
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
    /** Read transactions begun since the last call. */
    transactions: () => {
      const begun = transactions;
      transactions = 0;
      return begun;
    },
  };
}

/** CPU ms (user + system) a process has used, from /proc (Linux); null elsewhere. */
export function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = 100;

export async function post(url: string, query: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string }[]; data?: unknown };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0].message}`);
  return body.data;
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024, 0);
}

export async function startServer(neo4j: { uri: string; user: string; password: string }): Promise<{ url: string; child: ChildProcess }> {
  const { url, server } = await startOurServer(
    {
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      QUANZE_SEED: 'false',
      QUANZE_QUERY_TIMEOUT_MS: '600000',
      QUANZE_REQUEST_DEADLINE_MS: '600000',
    },
    120_000,
  );
  return { url, child: server.child };
}

/** The questions asked of the national synthetic case at `scale`, by name. */
export function questionsOf(scale: number, caseId: string): Record<string, string> {
  const county = ids.county(Math.floor(nationalShape(scale).counties / 2));
  const province = ids.province(0);
  return {
    whoCanCounty: `{ whoCan(power: "nat.assign", place: "${county}", at: "2022-06-13") { holders { body { id } } } }`,
    whoCanCountry: `{ whoCan(power: "nat.assign", at: "2022-06-13", limit: 50) { holders { body { id } } } }`,
    whoDid: `{ whoDid(power: "nat.assign", place: "${province}", from: "2022-06-01", to: "2022-06-30", limit: 50) { actions { id } } }`,
    explain: `{ explain(body: "${county}-health", power: "nat.assign", place: "${county}", at: "2022-06-13") { verdict } }`,
    gapsFirstPage: `{ gaps(case: "${caseId}", limit: 50) { findings { id } } }`,
    search: `{ search(text: "第12县", limit: 20) { hits { node { id } } } }`,
    neighborhood: `{ neighborhood(id: "${county}-hq", depth: 1, limit: 300) { nodes { id } } }`,
  };
}

export interface QuestionFigures {
  api: Record<string, Timing>;
  raw: Record<string, Timing>;
  /** Statements each question ran, as recorded on the in-process server. */
  statements: Record<string, number>;
  /** Read transactions each question began (round trips of their own), as recorded on the in-process server. */
  transactions: Record<string, number>;
  /** CPU ms of the server process per API request (warm-up included), when its pid is known. */
  serverCpuMs: Record<string, number | null>;
}

/**
 * Each question: first once through an in-process server that records its Cypher, then timed
 * through the separate server at `serverUrl`, then the recorded Cypher replayed and timed.
 */
export async function measureQuestions(
  db: Database,
  serverUrl: string,
  questions: Record<string, string>,
  limits: RunLimits,
  serverPid?: number,
): Promise<QuestionFigures> {
  const recorder = recording(db);
  const inProcess = await createGraphQL(recorder.db, loadConfig({ QUANZE_REQUEST_DEADLINE_MS: '600000', QUANZE_QUERY_TIMEOUT_MS: '600000' }));
  const app = createApp({ db: recorder.db, mountGraphQL: inProcess.mount });
  const local = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const localUrl = `http://127.0.0.1:${(local.address() as net.AddressInfo).port}`;
  const figures: QuestionFigures = { api: {}, raw: {}, statements: {}, transactions: {}, serverCpuMs: {} };
  try {
    for (const [name, query] of Object.entries(questions)) {
      try {
        recorder.take();
        recorder.transactions();
        await post(localUrl, query);
        const statements = recorder.take();
        const transactions = recorder.transactions();
        let requests = 0;
        const cpuBefore = cpuMsOf(serverPid);
        const api = await timeRuns(() => {
          requests += 1;
          return post(serverUrl, query);
        }, limits);
        const cpuAfter = cpuMsOf(serverPid);
        const serverCpuMs = cpuBefore !== null && cpuAfter !== null ? round((cpuAfter - cpuBefore) / requests, 2) : null;
        const session = db.driver.session({ database: db.name, defaultAccessMode: 'READ' });
        let raw: Timing;
        try {
          raw = await timeRuns(async () => {
            for (const [cypher, params] of statements) await session.run(cypher, params);
          }, limits);
        } finally {
          await session.close();
        }
        figures.api[name] = api;
        figures.raw[name] = raw;
        figures.statements[name] = statements.length;
        figures.transactions[name] = transactions;
        figures.serverCpuMs[name] = serverCpuMs;
        log(
          `${name.padEnd(14)} API p50 ${api.p50} ms p95 ${api.p95} ms (${api.runs} runs, server CPU ${serverCpuMs ?? '?'} ms a request) | raw Cypher (${statements.length} statements, one by one; the API ran them in ${transactions} transactions) p50 ${raw.p50} ms p95 ${raw.p95} ms (${raw.runs} runs)`,
        );
      } catch (error) {
        log(`${name}: could not be measured: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await new Promise((resolve) => local.close(resolve));
  }
  return figures;
}

/** The data folder a `--keep` run left: `--data DIR`, or the newest .data/test/bench-* holding a database. */
function keptDataDir(given: string | undefined): string {
  if (given) {
    if (!fs.existsSync(path.join(given, 'data'))) throw new Error(`No Neo4j data in ${given}: run \`npm run bench -- --scale S --keep\` first.`);
    return path.resolve(given);
  }
  const root = path.join(projectRoot, '.data', 'test');
  const kept = (fs.existsSync(root) ? fs.readdirSync(root) : [])
    .filter((name) => /^bench-\d+$/.test(name) && fs.existsSync(path.join(root, name, 'data')))
    .map((name) => path.join(root, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!kept.length)
    throw new Error(
      `No kept benchmark database under ${root}: build one with \`npm run bench -- --scale S --keep\`, then measure with --only questions.`,
    );
  return kept[0];
}

/** `--only questions`: the questions on a kept database, no import. */
export async function questionsOnly(
  options: { scale: number; seed: number; dataDir?: string; only?: string[]; jsonFile?: string } & RunLimits,
): Promise<void> {
  const dataDir = keptDataDir(options.dataDir);
  const heap = process.env.QUANZE_NEO4J_HEAP ?? (options.scale >= 0.5 ? '4g' : options.scale >= 0.05 ? '2g' : '1g');
  const pageCache = process.env.QUANZE_NEO4J_PAGECACHE ?? (options.scale >= 0.5 ? '3g' : options.scale >= 0.05 ? '1g' : '512m');
  const boltPort = await freePort();
  log(`questions on the kept database in ${dataDir} (scale ${options.scale})`);
  const neo4j = await startLocalNeo4j({ home: path.join(projectRoot, '.neo4j'), dataDir, boltPort, heap, pageCache, log: () => {} });
  const db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, timeoutMs: 3_600_000 });
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    await migrate(db);
    const caseId = ids.caseId(options.scale, options.seed);
    const [found] = await db.query<{ n: number }>('MATCH (c:Case {id: $caseId}) RETURN count(c) AS n', { caseId });
    if (!Number(found.n)) throw new Error(`The kept database in ${dataDir} holds no case ${caseId}: give the --scale and --seed it was built with.`);
    server = await startServer(neo4j);
    const all = questionsOf(options.scale, caseId);
    const questions = options.only?.length ? Object.fromEntries(Object.entries(all).filter(([name]) => options.only!.includes(name))) : all;
    const loadBefore = os.loadavg().map((x) => round(x, 1));
    const { api, raw, statements, transactions, serverCpuMs } = await measureQuestions(db, server.url, questions, options, server.child.pid);
    const ratio = (name: string) => (api[name] && raw[name] && raw[name].p95 > 0 ? round(api[name].p95 / raw[name].p95, 2) : null);
    const names = Object.keys(questions);
    const result = {
      scale: options.scale,
      dataDir,
      p95Ms: Object.fromEntries(names.map((name) => [name, api[name]?.p95 ?? null])),
      p50Ms: Object.fromEntries(names.map((name) => [name, api[name]?.p50 ?? null])),
      rawP95Ms: Object.fromEntries(names.map((name) => [name, raw[name]?.p95 ?? null])),
      rawP50Ms: Object.fromEntries(names.map((name) => [name, raw[name]?.p50 ?? null])),
      runs: Object.fromEntries(names.map((name) => [name, api[name]?.runs ?? null])),
      statements,
      transactions,
      serverCpuMsPerRequest: serverCpuMs,
      apiOverRaw: Object.fromEntries(names.map((name) => [name, ratio(name)])),
      serverRssMb: rssMb(server.child.pid!),
      loadAverage: { before: loadBefore, after: os.loadavg().map((x) => round(x, 1)) },
    };
    console.log(JSON.stringify(result, null, 2));
    if (options.jsonFile) fs.writeFileSync(options.jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    await db.close();
    await neo4j.stop();
  }
}
