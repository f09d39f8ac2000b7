// Every failure answers the same JSON shape, `{ errors: [{ message, extensions: { code } }] }`,
// with the right HTTP status and without a stack, a local path or a long echo of the input.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = await testDatabase();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

interface Answer {
  status: number;
  type: string;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function send(body: string, init: { method?: string; type?: string; path?: string } = {}): Promise<Answer> {
  const response = await fetch(`${server.url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.method === 'GET' ? {} : { 'content-type': init.type ?? 'application/json' },
    body: init.method === 'GET' ? undefined : body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, body: JSON.parse(text) };
}
const ask = (query: string, variables: Record<string, unknown> = {}) => send(JSON.stringify({ query, variables }));

function expectCleanError(answer: Answer, status: number, code: string) {
  expect(answer.type).toMatch(/application\/json/);
  expect(answer.status).toBe(status);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
  expect(answer.body.errors?.[0]?.message.length).toBeGreaterThan(10);
  expect(answer.text).not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|stacktrace/);
  expect(answer.text).not.toContain(projectRoot);
  expect(answer.text).not.toContain('node_modules');
}

describe('the JSON error shape', () => {
  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    expectCleanError(await send('{"query": "{ __typename }"'), 400, 'BAD_REQUEST');
    expectCleanError(await send('a'.repeat(25 * 1024 * 1024)), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a request Apollo refuses as text (no query, wrong content type, GET without preflight) as JSON', async () => {
    expectCleanError(await send('{}'), 400, 'BAD_REQUEST');
    expectCleanError(await send('query={__typename}', { type: 'text/plain' }), 400, 'BAD_REQUEST');
    expectCleanError(await send('', { method: 'GET', path: '/graphql?query=%7B__typename%7D' }), 400, 'BAD_REQUEST');
  });

  it('answers a syntax error and a query over the token limit with 400', async () => {
    expectCleanError(await ask('{ bodies( '), 400, 'GRAPHQL_PARSE_FAILED');
    const long = `{ ${Array.from({ length: 6000 }, () => '__typename').join(' ')} }`;
    expectCleanError(await ask(long), 400, 'QUERY_TOO_LONG');
  });

  it('refuses a negative limit or offset, a negative depth and a subscription as BAD_USER_INPUT', async () => {
    expectCleanError(await ask('{ bodies(limit: -1) { id } }'), 400, 'BAD_USER_INPUT');
    expectCleanError(await ask('query($o: Int) { bodies(offset: $o) { id } }', { o: -5 }), 400, 'BAD_USER_INPUT');
    expectCleanError(await ask('{ neighborhood(id: "x", depth: -2) { nodes { id } } }'), 400, 'BAD_USER_INPUT');
    expectCleanError(await ask('{ search(text: "x", limit: -3) { text } }'), 400, 'BAD_USER_INPUT');
    expectCleanError(await ask('subscription { __typename }'), 400, 'BAD_USER_INPUT');
  });

  it('caps search text before it reaches Lucene', async () => {
    const many = Array.from({ length: 180 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join('');
    const answer = await ask('query($t: String!) { search(text: $t) { text } }', { t: many });
    expectCleanError(answer, 400, 'BAD_USER_INPUT');
    expect(answer.body.errors![0].message).toMatch(/at most 100/);
  });

  it('echoes a 10 MB id at most once, cut short', async () => {
    const id = 'x'.repeat(10 * 1024 * 1024);
    for (const answer of [
      await ask('query($id: ID!) { neighborhood(id: $id) { nodes { id } } }', { id }),
      await ask(`{ neighborhood(id: "${'y'.repeat(2000)}") { nodes { id } } }`),
    ]) {
      expectCleanError(answer, 400, 'BAD_USER_INPUT');
      expect(answer.text.length).toBeLessThan(2000);
    }
  });

  it('answers DATABASE_UNAVAILABLE with 503 at once while Neo4j is down', async () => {
    db.setUnavailable('test');
    try {
      expectCleanError(await ask('{ bodies { id } }'), 503, 'DATABASE_UNAVAILABLE');
    } finally {
      db.setUnavailable(undefined);
    }
    const fine = await ask('{ bodies(limit: 1) { id } }');
    expect(fine.status).toBe(200);
    expect(fine.body.errors).toBeUndefined();
  });
});
