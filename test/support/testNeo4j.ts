import path from 'node:path';
import { projectRoot } from '../../server/config.js';

/** The test Neo4j: its own data folder and ports, never the user's. */
export const TEST_NEO4J = {
  home: path.join(projectRoot, '.neo4j'),
  dataDir: path.join(projectRoot, '.data', 'test', 'neo4j'),
  boltPort: Number(process.env.QUANZE_TEST_BOLT_PORT ?? 17687),
  httpPort: Number(process.env.QUANZE_TEST_HTTP_PORT ?? 17474),
};
