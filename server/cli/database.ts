// The database a command-line tool works on: NEO4J_URI when set, else the local Neo4j,
// migrated so imports can rely on the id constraints. Logs go to stderr, keeping stdout
// for the tool's own output (an export piped to a file).
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase, type OpenDatabase } from '../neo4j/connect.js';
import type { Database } from '../neo4j/database.js';
import { migrate } from '../neo4j/migrations.js';

async function openCliDatabase(): Promise<OpenDatabase> {
  const opened = await openDatabase(loadConfig(), (line) => process.stderr.write(`${line}\n`));
  await migrate(opened.db);
  return opened;
}

/**
 * Runs a tool's work on the database and stops the database after, whatever happens. An error
 * of one of the `refusals` classes (a busy database, an unknown case, a bad bundle: something
 * the user can act on) is printed as its message, exit code 1; any other error is thrown.
 */
export async function withCliDatabase(
  refusals: (abstract new (...args: never[]) => Error)[],
  work: (db: Database) => Promise<number>,
): Promise<number> {
  const { db, stop } = await openCliDatabase();
  try {
    return await work(db);
  } catch (error) {
    if (refusals.some((refusal) => error instanceof refusal)) {
      console.error((error as Error).message);
      return 1;
    }
    throw error;
  } finally {
    await stop();
  }
}

/** Which database the command-line tools use, and how to choose another, in one sentence. */
export function databaseDescription(env: NodeJS.ProcessEnv = process.env): string {
  const config = loadConfig(env);
  if (config.neo4jUri) {
    return `the Neo4j at ${config.neo4jUri}${config.neo4jDatabase ? `, database ${config.neo4jDatabase}` : ''} (from NEO4J_URI; unset it to use the local one)`;
  }
  const absolute = path.join(config.dataDir, 'neo4j');
  const relative = path.relative(process.cwd(), absolute);
  const dataDir = relative && !relative.startsWith('..') ? relative : absolute;
  return `the local Neo4j with its data in ${dataDir} (the one \`npm start\` uses; to use a running Neo4j instead, set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD)`;
}
