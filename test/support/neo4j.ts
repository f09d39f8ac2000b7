import { Database } from '../../server/neo4j/database.js';
import { migrate } from '../../server/neo4j/migrations.js';

let shared: Database | undefined;

/** Bolt credentials of the test Neo4j (its password is generated per run by globalSetup). */
export function testCredentials(): { user: string; password: string } {
  return { user: process.env.QUANZE_TEST_NEO4J_USER || 'neo4j', password: process.env.QUANZE_TEST_NEO4J_PASSWORD ?? '' };
}

/** The test Neo4j, migrated, shared by the tests of one file; close it in afterAll with closeTestDatabase. */
export async function testDatabase(): Promise<Database> {
  if (shared) return shared;
  const uri = process.env.QUANZE_TEST_NEO4J_URI;
  if (!uri) throw new Error('QUANZE_TEST_NEO4J_URI is not set: run the tests with `npm test` so globalSetup starts Neo4j.');
  shared = new Database({ uri, ...testCredentials(), timeoutMs: 60_000 });
  await migrate(shared);
  return shared;
}

export async function closeTestDatabase(): Promise<void> {
  await shared?.close();
  shared = undefined;
}

/** Removes every node and relationship; the schema stays. */
export async function clearDatabase(db: Database): Promise<void> {
  await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
}
