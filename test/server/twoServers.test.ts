// Two server processes on one Neo4j give the same answers right after an import on either:
// remembered answers are keyed by the data version read from the database, so neither
// process answers from a memory the other's import has made stale.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { clearDatabase, closeTestDatabase, testDatabase, testCredentials } from '../support/neo4j.js';
import { startOurServer, type OurProcess } from '../support/ourProcess.js';

const TOKEN = 'two-servers-editor-token';
const TINY = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml');
const IMPORT = 'mutation($b: JSON!) { importBundle(bundle: $b) { dataVersion } }';
const GAPS = '{ gaps(case: "test-tiny") { dataVersion findings { id kind } } }';
const WHO_DID = '{ whoDid(power: "t-code.assign") { dataVersion actions { id } } }';

interface Server {
  url: string;
  server: OurProcess;
}

const startServer = (): Promise<Server> =>
  startOurServer(
    {
      NEO4J_URI: process.env.QUANZE_TEST_NEO4J_URI,
      NEO4J_USER: testCredentials().user,
      NEO4J_PASSWORD: testCredentials().password,
      QUANZE_SEED: 'false',
      QUANZE_EDITOR_TOKEN: TOKEN,
      QUANZE_QUERY_TIMEOUT_MS: '60000',
    },
    150_000,
  );

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
  for (const started of [a, b]) await started?.server.stop('SIGTERM');
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
