import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from server/ or dist/server/. */
export const projectRoot = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = here.split(path.sep);
  const at = parts.lastIndexOf('dist') >= 0 ? parts.lastIndexOf('dist') : parts.lastIndexOf('server');
  return parts.slice(0, at).join(path.sep) || path.sep;
})();

export interface Config {
  port: number;
  host: string;
  /** Set when the user brings their own Neo4j; otherwise a local one is provisioned. */
  neo4jUri?: string;
  neo4jUser: string;
  neo4jPassword: string;
  neo4jDatabase?: string;
  /** Where the local Neo4j keeps its data. */
  dataDir: string;
  /** Where downloaded Neo4j jars are kept and reused. */
  neo4jHome: string;
  localBoltPort: number;
  localHttpPort: number;
  /** Bearer token that lets an editor write; writes are refused when neither this nor a JWT secret is set. */
  editorToken?: string;
  jwtSecret?: string;
  queryTimeoutMs: number;
  /** Deadline of one API request, across all its transactions. */
  requestDeadlineMs: number;
  seedOnEmpty: boolean;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Expected a positive integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 4000),
    host: env.HOST || '127.0.0.1',
    neo4jUri: env.NEO4J_URI || undefined,
    neo4jUser: env.NEO4J_USER || env.NEO4J_USERNAME || 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD || 'neo4j',
    neo4jDatabase: env.NEO4J_DATABASE || undefined,
    dataDir: path.resolve(projectRoot, env.QUANZE_DATA_DIR || '.data'),
    neo4jHome: path.resolve(projectRoot, env.QUANZE_NEO4J_HOME || '.neo4j'),
    localBoltPort: int(env.QUANZE_BOLT_PORT, 7687),
    localHttpPort: int(env.QUANZE_NEO4J_HTTP_PORT, 7474),
    editorToken: env.QUANZE_EDITOR_TOKEN || undefined,
    jwtSecret: env.QUANZE_JWT_SECRET || undefined,
    queryTimeoutMs: int(env.QUANZE_QUERY_TIMEOUT_MS, 15000),
    requestDeadlineMs: int(env.QUANZE_REQUEST_DEADLINE_MS, 20000),
    seedOnEmpty: env.QUANZE_SEED !== 'false',
  };
}
