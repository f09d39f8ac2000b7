// /readyz follows Neo4j: a second, private Neo4j is started here so that stopping it
// does not disturb the shared test database.
import fs from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../server/config.js';
import { Database } from '../../server/neo4j/database.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j/localNeo4j.js';
import { createApp } from '../../server/http/app.js';
import { createGraphQL } from '../../server/graphql/server.js';
import { testNeo4jOptions } from '../support/testNeo4j.js';

const quiet = { heap: '512m', pageCache: '64m', log: () => {} };

let options: Parameters<typeof startLocalNeo4j>[0];
let neo4j: LocalNeo4j | undefined;
let db: Database | undefined;
let server: Server | undefined;

afterAll(async () => {
  server?.close();
  await db?.close();
  await neo4j?.stop();
  if (options) fs.rmSync(options.dataDir, { recursive: true, force: true });
});

/** Polls until the route answers `status` or 30 s pass: the driver reconnects in its own time. */
async function waitFor(port: number, route: string, status: number) {
  let answer = await get(port, route);
  for (let i = 0; i < 60 && answer.status !== status; i++) {
    await new Promise((r) => setTimeout(r, 500));
    answer = await get(port, route);
  }
  return answer;
}

async function get(port: number, route: string) {
  const response = await fetch(`http://127.0.0.1:${port}${route}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/healthz and /readyz', () => {
  it('answer 200, turn /readyz to 503 when Neo4j stops and back to 200 when it returns', async () => {
    options = { ...(await testNeo4jOptions('neo4j-readiness')), ...quiet };
    fs.rmSync(options.dataDir, { recursive: true, force: true });
    neo4j = await startLocalNeo4j(options);
    db = new Database({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
    const graphql = await createGraphQL(db, loadConfig({}));
    const app = createApp({ db, mountGraphQL: graphql.mount });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;

    expect(await waitFor(port, '/readyz', 200)).toEqual({ status: 200, body: { status: 'ready' } });
    const typename = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await typename.json()).toEqual({ data: { __typename: 'Query' } });

    await neo4j.stop();
    const down = await get(port, '/readyz');
    expect(down.status).toBe(503);
    expect(String(down.body.message)).toMatch(/Neo4j does not answer/);
    expect((await get(port, '/healthz')).status).toBe(200);

    neo4j = await startLocalNeo4j(options);
    expect((await waitFor(port, '/readyz', 200)).status).toBe(200);
  });
});
