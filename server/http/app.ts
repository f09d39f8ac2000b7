import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { projectRoot } from '../config.js';
import type { Database } from '../neo4j/database.js';

export interface AppParts {
  db: Database;
  /** Mounts /graphql; kept apart so the HTTP shell does not know the schema. */
  mountGraphQL(app: Express): void;
}

const clientDir = path.join(projectRoot, 'dist', 'client');

export function createApp({ db, mountGraphQL }: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // GraphiQL is one inlined bundle: it needs inline scripts and blob: workers. Nothing loads from elsewhere.
          'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'", 'blob:'],
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'font-src': ["'self'", 'data:'],
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await db.ping();
    res
      .status(ready ? 200 : 503)
      .json(
        ready
          ? { status: 'ready' }
          : { status: 'unavailable', message: 'Neo4j does not answer. Check that it is running and that NEO4J_URI points at it.' },
      );
  });

  let graphiql: string | undefined;
  app.get('/graphiql', (req, res) => {
    graphiql ??= renderGraphiQL({
      endpoint: '/graphql',
      title: 'Quanze 权责 · GraphiQL',
      defaultQuery: '# Paste a query from docs/api.md, or try:\n{ __typename }\n',
    });
    res.type('html').send(graphiql);
  });

  mountGraphQL(app);

  if (fs.existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!graphql|graphiql|healthz|readyz).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text').send('The client is not built. Run `npm run build` (npm start does it for you).');
    });
  }
  // Anything else that fails (a static file, a bad URL) answers the API's JSON error shape, without stack or path.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = Number((error as { status?: number }).status) || 500;
    if (status >= 500) console.error('Unexpected error:', error);
    res.status(status).json({
      errors: [
        {
          message: status < 500 ? 'The request could not be read.' : 'The server could not answer this request.',
          extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });
  return app;
}
