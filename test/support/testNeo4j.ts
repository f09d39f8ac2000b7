import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';

/** Downloaded jars are shared with the product; test data never is. */
export const NEO4J_HOME = path.join(projectRoot, '.neo4j');

/** A port nobody listens on right now, so several test runs can share a machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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
