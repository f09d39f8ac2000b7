import fs from 'node:fs';
import { startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j/localNeo4j.js';
import { TEST_NEO4J } from './testNeo4j.js';

declare global {
  // eslint-disable-next-line no-var
  var __quanzeTestNeo4j: LocalNeo4j | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.QUANZE_TEST_NEO4J_URI) return; // an outer runner already provides one
  // A fresh store each run, so results never depend on an earlier run.
  fs.rmSync(TEST_NEO4J.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...TEST_NEO4J, heap: '768m', pageCache: '256m', log: (l) => process.stderr.write(`[test neo4j] ${l}\n`) });
  globalThis.__quanzeTestNeo4j = neo4j;
  process.env.QUANZE_TEST_NEO4J_URI = neo4j.uri;
}
