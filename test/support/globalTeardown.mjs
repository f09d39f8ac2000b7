import fs from 'node:fs';

export default async function globalTeardown() {
  const neo4j = globalThis.__quanzeTestNeo4j;
  if (!neo4j) return;
  await neo4j.stop();
  fs.rmSync(neo4j.dataDir, { recursive: true, force: true });
}
