import fs from 'node:fs';
import { startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j/localNeo4j.js';
import { testNeo4jOptions } from './testNeo4j.js';

declare global {
  var __quanzeTestNeo4j: (LocalNeo4j & { dataDir: string }) | undefined;
}

export default async function startTestNeo4j(): Promise<void> {
  if (process.env.QUANZE_TEST_NEO4J_URI) return; // an outer runner already provides one
  const options = await testNeo4jOptions('neo4j');
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ ...options, heap: '768m', pageCache: '256m', log: (l) => process.stderr.write(`[test neo4j] ${l}\n`) });
  globalThis.__quanzeTestNeo4j = { ...neo4j, dataDir: options.dataDir };
  process.env.QUANZE_TEST_NEO4J_URI = neo4j.uri;
  process.env.QUANZE_TEST_NEO4J_PASSWORD = neo4j.password;
}
