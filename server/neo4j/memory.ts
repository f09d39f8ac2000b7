// How much memory the local Neo4j gets: QUANZE_NEO4J_HEAP and QUANZE_NEO4J_PAGECACHE when
// set (Neo4j sizes such as 2g or 512m), otherwise sized from the data already on disk: the
// page cache holds the whole store with room to grow, the heap grows with it for the large
// transaction that switches an import over (docs/performance.md). Both stay within a share
// of the machine's memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Neo4jMemory {
  heap: string;
  pageCache: string;
  /** Where the figures came from, for the start-up log. */
  from: 'environment' | 'store size';
}

const MB = 2 ** 20;
const SIZE = /^\d+[kmgKMG]?$/;

function storeBytes(dir: string): number {
  let total = 0;
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) total += fs.statSync(full).size;
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return total;
}

const megabytes = (bytes: number) => `${Math.max(1, Math.round(bytes / MB))}m`;

export function neo4jMemory(dataDir: string, env: NodeJS.ProcessEnv = process.env, totalMemory = os.totalmem()): Neo4jMemory {
  for (const key of ['QUANZE_NEO4J_HEAP', 'QUANZE_NEO4J_PAGECACHE']) {
    const value = env[key];
    if (value && !SIZE.test(value)) throw new Error(`${key} must be a size such as 2g or 512m, not "${value}".`);
  }
  const store = storeBytes(path.join(dataDir, 'data', 'databases'));
  // Page cache: the store and half again, at least 512 MB, at most a quarter of the machine.
  const pageCache = Math.min(Math.max(512 * MB, store * 1.5), totalMemory / 4);
  // Heap: 1 GB up to a 1 GB store, then half the store size, at most 8 GB or a quarter of the machine.
  const heap = Math.min(Math.max(1024 * MB, store / 2), 8192 * MB, totalMemory / 4);
  const fromEnv = Boolean(env.QUANZE_NEO4J_HEAP || env.QUANZE_NEO4J_PAGECACHE);
  return {
    heap: env.QUANZE_NEO4J_HEAP || megabytes(heap),
    pageCache: env.QUANZE_NEO4J_PAGECACHE || megabytes(pageCache),
    from: fromEnv ? 'environment' : 'store size',
  };
}
