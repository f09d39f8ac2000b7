// The database a command-line tool works on: NEO4J_URI when set, else the local Neo4j,
// migrated so imports can rely on the id constraints. Logs go to stderr, keeping stdout
// for the tool's own output (an export piped to a file).
import { loadConfig } from '../config.js';
import { openDatabase, type OpenDatabase } from '../neo4j/connect.js';
import { migrate } from '../neo4j/migrations.js';

export async function openCliDatabase(): Promise<OpenDatabase> {
  const opened = await openDatabase(loadConfig(), (line) => process.stderr.write(`${line}\n`));
  await migrate(opened.db);
  return opened;
}
