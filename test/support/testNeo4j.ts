import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { freePort } from '../../server/freePort.js';

/** Downloaded jars are shared with the product; test data never is. */
export const NEO4J_HOME = path.join(projectRoot, '.neo4j');

/** Options for a throw-away test Neo4j: its own ports and data folder under .data/test. */
export async function testNeo4jOptions(name: string) {
  const boltPort = await freePort();
  return {
    home: NEO4J_HOME,
    dataDir: path.join(projectRoot, '.data', 'test', `${name}-${boltPort}`),
    boltPort,
    httpPort: await freePort(),
  };
}
