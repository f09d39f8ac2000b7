// Fuzz run on the real HTTP server and the real Neo4j: 550 bad requests to /graphql and 110
// bad bundles through the import, from fixed seeds (test/support/fuzzRequests.ts and
// fuzzBundles.ts), so every run sends the same corpus and a failure names its index.
// Every answer must be JSON in the one error shape, never HTTP 500 or INTERNAL_SERVER_ERROR,
// never a stack or a local path; the graph (data version, audit log included) must not move.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { importBundle } from '../../server/bundle/importBundle.js';
import { bundleFromData, parseBundleText, readBundleFile } from '../../server/bundle/parse.js';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { graphSnapshot, type GraphSnapshot } from '../bundle/graphSnapshot.js';
import { bundleCorpus, type BadBundle } from '../support/fuzzBundles.js';
import { requestCorpus, type FuzzRequest } from '../support/fuzzRequests.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SEED = 20261202;
const REQUESTS = 550;
const BUNDLES = 110;
/** Requests in flight at once: enough to overlap, few enough for a shared 2-core machine. */
const CONCURRENCY = 4;
const TOKEN = 'fuzz-editor-token-0123456789';
const SECRET = 'fuzz-jwt-secret-that-is-long-enough-for-hs256';
const TINY = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml');

let db: Database;
let server: TestServer;
let tiny: Record<string, unknown>;
let before: GraphSnapshot;

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  const parsed = await readBundleFile(TINY);
  tiny = parsed.data as Record<string, unknown>;
  expect((await importBundle(db, parsed)).problems).toEqual([]);
  server = await startTestServer(db, { QUANZE_EDITOR_TOKEN: TOKEN, QUANZE_JWT_SECRET: SECRET });
  before = await graphSnapshot(db);
});
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

const STACK = /\n\s+at |\bat [\w.<>]+ \(|stacktrace|\.ts:\d+|\.js:\d+/;

/** What is wrong with one answer; empty when it is a clean answer or a clean refusal. */
function faultsOf(request: FuzzRequest, status: number, type: string, text: string): string[] {
  const faults: string[] = [];
  if (status >= 500) faults.push(`HTTP ${status}`);
  if (STACK.test(text)) faults.push('stack trace');
  if (text.includes(projectRoot) || text.includes('node_modules')) faults.push('local path');
  if (!(request.path ?? '/graphql').startsWith('/graphql')) return faults;
  if (!/application\/json/.test(type)) return [...faults, `content type ${type || 'none'}`];
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return [...faults, 'not JSON'];
  }
  if (status >= 400 || body.errors !== undefined) {
    if (!Array.isArray(body.errors) || !body.errors.length) faults.push('no errors list');
    for (const error of body.errors ?? []) {
      if (typeof error.message !== 'string' || error.message.length < 5) faults.push('error without a message');
      if (typeof error.extensions?.code !== 'string') faults.push('error without a code');
      if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') faults.push('INTERNAL_SERVER_ERROR');
    }
  }
  if (status >= 400 && body.data) faults.push('data on a refusal');
  if (status >= 400 && text.length > 20_000) faults.push(`refusal of ${text.length} characters`);
  return faults;
}

async function send(request: FuzzRequest) {
  const method = request.method ?? 'POST';
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['content-type'] = request.contentType ?? 'application/json';
  const authorization = request.authorization ?? (request.bearer ? `Bearer ${request.bearer}` : undefined);
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(`${server.url}${request.path ?? '/graphql'}`, { method, headers, body: method === 'GET' ? undefined : request.body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Runs `work` over `items`, `limit` at a time, in order of index. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const table = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k}: ${n}`);

describe('the fuzz run', () => {
  it(`answers ${BUNDLES} bad bundles through the import with problems, writing nothing`, async () => {
    const bundles = bundleCorpus(SEED, BUNDLES, tiny);
    const faults: string[] = [];
    const kinds = new Map<string, number>();
    const codes = new Map<string, number>();
    const importOne = async (bad: BadBundle) =>
      importBundle(db, bad.text !== undefined ? parseBundleText(bad.text, bad.file!) : bundleFromData(bad.data, 'fuzz.yaml'), {
        writer: { who: 'fuzz', via: 'cli' },
      });
    for (const [index, bad] of bundles.entries()) {
      tally(kinds, bad.kind.split(' + ')[0]);
      try {
        const result = await importOne(bad);
        if (result.ok || !result.problems.length) faults.push(`#${index} ${bad.kind}: accepted`);
        for (const problem of result.problems) {
          tally(codes, problem.code);
          if (STACK.test(problem.message) || problem.message.includes(projectRoot))
            faults.push(`#${index} ${bad.kind}: stack or path in "${problem.message.slice(0, 200)}"`);
        }
      } catch (error) {
        faults.push(`#${index} ${bad.kind}: threw ${String(error).slice(0, 300)}`);
      }
    }
    console.log(
      [
        `Fuzz: ${bundles.length} bad bundles through importBundle (seed ${SEED}); first change:`,
        ...table(kinds),
        'problem codes:',
        ...table(codes),
      ].join('\n'),
    );
    expect(faults).toEqual([]);
    expect(await graphSnapshot(db)).toEqual(before);
  });

  it(`answers ${REQUESTS} bad requests with the JSON error shape, no 500, no stack, writing nothing`, async () => {
    const badBundles = bundleCorpus(SEED + 1, 40, tiny)
      .map((b) => b.data)
      .filter((d) => d !== undefined);
    const requests = requestCorpus({ seed: SEED, count: REQUESTS, editorToken: TOKEN, jwtSecret: SECRET, validBundle: tiny, badBundles });
    const faults: string[] = [];
    const kinds = new Map<string, number>();
    const statuses = new Map<string, number>();
    const slowest = new Map<string, { ms: number; index: number }>();
    const durations: number[] = [];
    const started = Date.now();
    await pool(requests, CONCURRENCY, async (request, index) => {
      tally(kinds, request.kind);
      const sent = Date.now();
      try {
        const { status, type, text } = await send(request);
        const ms = Date.now() - sent;
        if (ms > (slowest.get(request.kind)?.ms ?? 0)) slowest.set(request.kind, { ms, index });
        durations.push(ms);
        tally(statuses, String(status));
        for (const fault of faultsOf(request, status, type, text)) faults.push(`#${index} ${request.kind}: ${fault}: ${text.slice(0, 300)}`);
      } catch (error) {
        faults.push(`#${index} ${request.kind}: no answer (${String(error).slice(0, 200)})`);
      }
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `Fuzz: ${requests.length} bad requests (seed ${SEED}, ${CONCURRENCY} at a time, ${seconds} s); by kind:`,
        ...table(kinds),
        'by HTTP status:',
        ...table(statuses),
        `median ${median(durations)} ms; slowest of each kind:`,
        ...[...slowest].map(([k, v]) => `  ${k}: ${v.ms} ms (#${v.index})`),
      ].join('\n'),
    );
    expect(faults).toEqual([]);
    expect(await graphSnapshot(db)).toEqual(before);
  }, 600_000);
});
