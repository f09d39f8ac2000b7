import { createHash } from 'node:crypto';
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

/**
 * Content security policies. The explorer and every other page run only scripts and styles
 * served from here. GraphiQL is one inlined bundle: its page alone may run inline scripts,
 * eval and blob: workers, and use inline styles.
 */
/** Cytoscape prepends this one fixed rule as a <style> element; its hash allows exactly it. */
const CYTOSCAPE_RULE = '.__________cytoscape_container { position: relative; }';
const cytoscapeRuleHash = `'sha256-${createHash('sha256').update(CYTOSCAPE_RULE).digest('base64')}'`;

const STRICT_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'", cytoscapeRuleHash],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};
const GRAPHIQL_CSP = {
  ...STRICT_CSP,
  'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
};

export function createApp({ db, mountGraphQL }: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives: STRICT_CSP } });
  const forGraphiql = helmet({ contentSecurityPolicy: { useDefaults: false, directives: GRAPHIQL_CSP } });
  app.use((req, res, next) => (req.path === '/graphiql' ? forGraphiql : strict)(req, res, next));

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
