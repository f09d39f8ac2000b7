// The database a command-line tool works on: NEO4J_URI when set, else the local Neo4j,
// migrated so imports can rely on the id constraints. Logs go to stderr, keeping stdout
// for the tool's own output (an export piped to a file).
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase, type OpenDatabase } from '../neo4j/connect.js';
import { migrate } from '../neo4j/migrations.js';

export async function openCliDatabase(): Promise<OpenDatabase> {
  const opened = await openDatabase(loadConfig(), (line) => process.stderr.write(`${line}\n`));
  await migrate(opened.db);
  return opened;
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
