import path from 'node:path';
import type { Config } from '../config.js';
import { Database } from './database.js';
import { startLocalNeo4j } from './localNeo4j.js';
import { neo4jMemory } from './memory.js';

/** The Neo4j the user pointed us at cannot be reached or refuses the credentials. */
export class DatabaseUnreachableError extends Error {
  readonly code = 'NEO4J_UNREACHABLE';
}

export interface OpenDatabase {
  db: Database;
  /** Closes the driver and, when we started it, stops the local Neo4j. */
  stop(): Promise<void>;
  /** Where the database came from, for logs and /readyz. */
  origin: 'external' | 'local';
}

/** Connects to NEO4J_URI when set; otherwise provisions and starts the local Neo4j. */
export interface OpenOptions {
  /** `exclusive` for the server (refuses a data folder another live Quanze owns, restarts a crashed Neo4j); `shared` for tools. */
  access?: 'exclusive' | 'shared';
  /** Stops a local Neo4j that is still starting (SIGTERM during start-up). */
  signal?: AbortSignal;
}

export async function openDatabase(config: Config, log: (line: string) => void = console.log, options: OpenOptions = {}): Promise<OpenDatabase> {
  if (config.neo4jUri) {
    const db = new Database({
      uri: config.neo4jUri,
      user: config.neo4jUser,
      password: config.neo4jPassword,
      database: config.neo4jDatabase,
      timeoutMs: config.queryTimeoutMs,
    });
    try {
      await db.driver.verifyConnectivity({ database: config.neo4jDatabase });
    } catch (error) {
      await db.close();
      throw new DatabaseUnreachableError(
        `Neo4j at ${config.neo4jUri} does not answer (${(error as Error).message.split('.')[0]}). ` +
          'Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to let Quanze run its own Neo4j.',
      );
    }
    log(`Using Neo4j at ${config.neo4jUri}.`);
    return { db, origin: 'external', stop: () => db.close() };
  }
  const dataDir = path.join(config.dataDir, 'neo4j');
  const memory = neo4jMemory(dataDir);
  log(
    `Neo4j memory: heap ${memory.heap}, page cache ${memory.pageCache} (from ${memory.from}; set QUANZE_NEO4J_HEAP and QUANZE_NEO4J_PAGECACHE to change).`,
  );
  let db: Database | undefined;
  const local = await startLocalNeo4j({
    home: config.neo4jHome,
    dataDir,
    boltPort: config.localBoltPort,
    heap: memory.heap,
    pageCache: memory.pageCache,
    log,
    access: options.access,
    restartOnCrash: options.access === 'exclusive',
    signal: options.signal,
    // While Neo4j is down every request is answered DATABASE_UNAVAILABLE at once.
    onStateChange: (state, detail) => db?.setUnavailable(state === 'down' ? `Neo4j stopped: ${detail}` : undefined),
  });
  db = new Database({ uri: local.uri, user: local.user, password: local.password, timeoutMs: config.queryTimeoutMs });
  const opened = db;
  return {
    db: opened,
    origin: 'local',
    stop: async () => {
      await opened.close();
      await local.stop();
    },
  };
}
