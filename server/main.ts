// Starts Quanze: the HTTP port first (so a port in use stops us before anything else), the
// database (our own Neo4j unless NEO4J_URI is set), migrations, the seed case when the
// database is empty, then the app on that port.
import http from 'node:http';
import { loadConfig } from './config.js';
import { seedOnEmpty } from './bundle/seedOnEmpty.js';
import { DatabaseUnreachableError, openDatabase, type OpenDatabase } from './neo4j/connect.js';
import { ProvisioningError } from './neo4j/localNeo4j.js';
import { migrate } from './neo4j/migrations.js';
import { createApp } from './http/app.js';
import { createGraphQL } from './graphql/server.js';

/** Binds the port or says, in one sentence, why not. */
function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new ProvisioningError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use by another program; set PORT to a free port.`
            : `Cannot listen on ${host}:${port} (${error.code ?? error.message}).`,
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

async function main() {
  const config = loadConfig();
  const server = http.createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
    res.end(
      JSON.stringify({ errors: [{ message: 'Quanze is starting. Try again in a few seconds.', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
    );
  });
  await listen(server, config.port, config.host);

  let database: OpenDatabase | undefined;
  let opening: Promise<OpenDatabase> | undefined;
  let stopping = false;
  // A signal during start-up stops the Neo4j that is still starting, not only node.
  const starting = new AbortController();
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Quanze${database?.origin === 'local' || !database ? ' and its Neo4j' : ''}…`);
    server.close();
    if (!database && opening) {
      starting.abort();
      database = await opening.catch(() => undefined);
    }
    await database?.stop().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  opening = openDatabase(config, console.log, { access: 'exclusive', signal: starting.signal });
  const opened = await opening.catch((error: unknown) => {
    if (stopping) return undefined; // stop() waits for this and exits
    throw error;
  });
  if (stopping || !opened) return; // stop() stops it
  database = opened;
  try {
    await migrate(database.db);
    if (config.seedOnEmpty) await seedOnEmpty(database.db);
    const graphql = await createGraphQL(database.db, config);
    const app = createApp({ db: database.db, mountGraphQL: graphql.mount });
    server.removeAllListeners('request');
    server.on('request', app);
    const shown = ['127.0.0.1', '0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
    console.log(`Quanze is ready at http://${shown}:${config.port}  (GraphQL: /graphql, IDE: /graphiql)`);
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
