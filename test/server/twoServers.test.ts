// Two server processes on one Neo4j give the same answers right after an import on either:
// remembered answers are keyed by the data version read from the database, so neither
// process answers from a memory the other's import has made stale.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { clearDatabase, closeTestDatabase, testDatabase, testCredentials } from '../support/neo4j.js';
import { freePort } from '../../server/freePort.js';

const TOKEN = 'two-servers-editor-token';
const TINY = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml');
const IMPORT = 'mutation($b: JSON!) { importBundle(bundle: $b) { dataVersion } }';
const GAPS = '{ gaps(case: "test-tiny") { dataVersion findings { id kind } } }';
const WHO_DID = '{ whoDid(power: "t-code.assign") { dataVersion actions { id } } }';

interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server', 'main.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: process.env.QUANZE_TEST_NEO4J_URI,
      NEO4J_USER: testCredentials().user,
      NEO4J_PASSWORD: testCredentials().password,
      PORT: String(port),
      QUANZE_SEED: 'false',
      QUANZE_EDITOR_TOKEN: TOKEN,
      QUANZE_QUERY_TIMEOUT_MS: '60000',
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
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped: ${output}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not become ready: ${output}`);
}

async function post(server: Server, query: string, variables: Record<string, unknown> = {}, bearer?: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

let db: Database;
let a: Server;
let b: Server;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  [a, b] = await Promise.all([startServer(), startServer()]);
}, 300_000);
afterAll(async () => {
  for (const server of [a, b]) {
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
  }
  await closeTestDatabase();
});

describe('two server processes on one Neo4j', () => {
  it('give the same answers right after an import on either', async () => {
    const tiny = (await readBundleFile(TINY)).data as Record<string, any>;
    const first = await post(a, IMPORT, { b: tiny }, TOKEN);

    // Both answer, and both remember their answer for this data version.
    const gapsA = (await post(a, GAPS)).gaps;
    const gapsB = (await post(b, GAPS)).gaps;
    expect(gapsB).toEqual(gapsA);
    expect(gapsA.dataVersion).toBe(first.importBundle.dataVersion);
    expect(gapsA.findings.length).toBeGreaterThan(0);
    expect((await post(b, WHO_DID)).whoDid).toEqual((await post(a, WHO_DID)).whoDid);

    // An import through B that drops the case's action: A must not answer from its memory.
    const edited = { ...tiny, actions: [] };
    const second = await post(b, IMPORT, { b: edited }, TOKEN);
    expect(second.importBundle.dataVersion).toBeGreaterThan(first.importBundle.dataVersion);
    const afterA = (await post(a, GAPS)).gaps;
    const afterB = (await post(b, GAPS)).gaps;
    expect(afterA).toEqual(afterB);
    expect(afterA.dataVersion).toBe(second.importBundle.dataVersion);
    expect(afterA.findings).not.toEqual(gapsA.findings);
    const didA = (await post(a, WHO_DID)).whoDid;
    expect(didA.actions).toEqual([]);
    expect((await post(b, WHO_DID)).whoDid).toEqual(didA);

    // And back through A: B follows.
    const third = await post(a, IMPORT, { b: tiny }, TOKEN);
    const backB = (await post(b, GAPS)).gaps;
    expect(backB.dataVersion).toBe(third.importBundle.dataVersion);
    expect(backB.findings).toEqual(gapsA.findings);
    expect((await post(a, GAPS)).gaps).toEqual(backB);
  }, 300_000);
});
