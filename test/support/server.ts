import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../server/config.js';
import { createApp } from '../../server/http/app.js';
import { createGraphQL } from '../../server/graphql/server.js';
import type { Database } from '../../server/neo4j/database.js';

export interface GraphQLBody {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface TestServer {
  port: number;
  url: string;
  /** POST /graphql, optionally as an editor (`Authorization: Bearer …`). */
  post(query: string, variables?: Record<string, unknown>, bearer?: string): Promise<GraphQLBody>;
  close(): Promise<void>;
}

/** The real HTTP server (Apollo + express) on a free port, over the given database. */
export async function startTestServer(db: Database, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  // Tests check answers, not speed (the shared machine can be slow): a generous request deadline unless a test sets one.
  const graphql = await createGraphQL(db, loadConfig({ QUANZE_REQUEST_DEADLINE_MS: '120000', ...env }));
  const app = createApp({ db, mountGraphQL: graphql.mount });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    async post(query, variables = {}, bearer) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLBody;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
