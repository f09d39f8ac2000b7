// Starts Quanze: the database (our own Neo4j unless NEO4J_URI is set), migrations, the
// seed case when the database is empty, then the HTTP server.
import { loadConfig } from './config.js';
import { seedOnEmpty } from './bundle/seedOnEmpty.js';
import { DatabaseUnreachableError, openDatabase } from './neo4j/connect.js';
import { ProvisioningError } from './neo4j/localNeo4j.js';
import { migrate } from './neo4j/migrations.js';
import { createApp } from './http/app.js';
import { createGraphQL } from './graphql/server.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Quanze${database.origin === 'local' ? ' and its Neo4j' : ''}…`);
    server?.close();
    await database.stop().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let server: import('node:http').Server | undefined;
  try {
    await migrate(database.db);
    if (config.seedOnEmpty) await seedOnEmpty(database.db);
    const graphql = await createGraphQL(database.db, config);
    const app = createApp({ db: database.db, mountGraphQL: graphql.mount });
    server = app.listen(config.port, config.host, () => {
      const shown = ['127.0.0.1', '0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
      console.log(`Quanze is ready at http://${shown}:${config.port}  (GraphQL: /graphql, IDE: /graphiql)`);
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await database.stop();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  // Provisioning and connection problems are the user's to fix: say what, without a stack trace.
  const known = error instanceof ProvisioningError || error instanceof DatabaseUnreachableError;
  console.error(known ? `Quanze could not start: ${(error as Error).message}` : error);
  process.exit(1);
});
