import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, Kind, visit, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { Config } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { entityTypeDefs } from '../model/typeDefs.js';
import { editorFromHeader, type Editor } from './editorAuth.js';
import { STATUS_OF_CODE, truncateEcho, withAdvice } from './errorAdvice.js';
import { questionResolvers, questionTypeDefs } from './questions.js';
import { batchedReads } from './batchedReads.js';

export interface QuanzeContext {
  db: Database;
  editor?: Editor;
  /** Lifts the request deadline (for writes, bounded by their own transaction timeout). */
  withoutDeadline?: () => void;
  [key: string]: unknown;
}

/** Limits every request meets; documented in docs/api.md. */
export const LIMITS = {
  maxDepth: 12,
  // The whole answer of whoCan, every field of the contract selected, costs about 1,020.
  maxCost: 1500,
  maxAliases: 15,
  maxTokens: 5000,
  /** Characters in a search text: more distinct CJK characters overflow Lucene's clause limit. */
  maxSearchText: 100,
  /** Characters in any other string argument (ids, dates, names); a bundle's JSON is exempt. */
  maxArgumentText: 1000,
  /** Request body, in bytes; a bundle larger than this goes through `npm run import`. */
  maxBody: '20mb',
} as const;

/** Seconds a client should wait after a 503 (database restarting, or a question past its deadline). */
const RETRY_AFTER_SECONDS = '2';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** Arguments whose value is a count or a position: a negative one is a caller's mistake, refused before anything runs. */
const COUNT_ARGUMENTS = new Set(['limit', 'offset', 'first', 'skip', 'depth']);

/**
 * Checks what the schema's types cannot say: no negative limit or offset, no subscription,
 * no search text past Lucene's clause limit, no argument long enough to be an attack.
 */
function checkArguments(operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  if (operation.operation === 'subscription')
    throw badInput('This API has no subscriptions: send a query, and ask again when you want fresh answers.');
  const valueOf = (node: ValueNode): unknown => {
    switch (node.kind) {
      case Kind.VARIABLE:
        return variables[node.name.value];
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.STRING:
        return node.value;
      case Kind.LIST:
        return node.values.map(valueOf);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value)]));
      default:
        return undefined;
    }
  };
  const checkValue = (name: string, value: unknown, field: string) => {
    if (COUNT_ARGUMENTS.has(name) && typeof value === 'number' && value < 0) {
      throw badInput(`\`${name}\` of \`${field}\` must be 0 or more; it was ${value}.`);
    }
    if (typeof value === 'string') {
      const max = field === 'search' && name === 'text' ? LIMITS.maxSearchText : LIMITS.maxArgumentText;
      if (value.length > max) throw badInput(`\`${name}\` of \`${field}\` is ${value.length} characters long; at most ${max} are accepted.`);
    } else if (Array.isArray(value)) {
      for (const item of value) checkValue(name, item, field);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) checkValue(key, item, field);
    }
  };
  visit(operation, {
    Field(field) {
      for (const argument of field.arguments ?? []) {
        if (field.name.value === 'importBundle' && argument.name.value === 'bundle') continue; // validated by the bundle rules
        checkValue(argument.name.value, valueOf(argument.value), field.name.value);
      }
    },
  });
}

/** Input checks and one HTTP status per error code, for every request. */
const requestChecks: ApolloServerPlugin<QuanzeContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request, contextValue }) {
        if (operation) checkArguments(operation, request.variables ?? {});
        // A write (an import) is bounded by its own transaction timeout, not by the question deadline.
        if (operation?.operation === 'mutation' && contextValue.withoutDeadline) contextValue.withoutDeadline();
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length || data) return;
        const status = Math.max(...errors.map((e) => STATUS_OF_CODE[String(e.extensions?.code)] ?? 0));
        if (status > 0) response.http.status = status;
        if (status === 503) response.http.headers.set('retry-after', RETRY_AFTER_SECONDS);
      },
    };
  },
};

/** Refuses any mutation from a caller who is not an editor, before anything executes. */
const editorsOnlyWrite: ApolloServerPlugin<QuanzeContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation === 'mutation' && !contextValue.editor) {
          throw new GraphQLError('Writing needs an editor: send `Authorization: Bearer <editor token or JWT>`. The public API is read-only.', {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        }
      },
    };
  },
};

export async function createGraphQL(db: Database, config: Config) {
  const neoSchema = new Neo4jGraphQL({
    // No generated create/update/delete: they would skip every bundle rule. Writes are bundle imports (validated, audited).
    typeDefs: ['extend schema @mutation(operations: [])', entityTypeDefs(), questionTypeDefs],
    driver: db.driver,
    resolvers: questionResolvers,
  });
  const schema = await neoSchema.getSchema();
  const armor = new ApolloArmor({
    // A fragment is counted as the fields it stands for, neither deeper nor dearer: the
    // explorer's documents share their selections as fragments (client/src/operations.graphql).
    maxDepth: { n: LIMITS.maxDepth, flattenFragments: true },
    costLimit: { maxCost: LIMITS.maxCost, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases },
    // The token limit is graphql-js's own parse option (below): armor's throws outside Apollo's parse step, answering 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  // graphql-armor's types come from Apollo's CommonJS build; the plugins are plain objects either way.
  const armorPlugins = protection.plugins as unknown as ApolloServerPlugin<QuanzeContext>[];
  const apollo = new ApolloServer<QuanzeContext>({
    schema,
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    includeStacktraceInErrorResponses: false,
    plugins: [...armorPlugins, ApolloServerPluginLandingPageDisabled(), requestChecks, editorsOnlyWrite],
    formatError: withAdvice,
  });
  await apollo.start();

  return {
    apollo,
    mount(app: Express) {
      app.use(
        '/graphql',
        jsonErrorsOnly,
        (req: Request, res: Response, next: NextFunction) => {
          // While Neo4j is down (restarting) every request is answered at once, never queued.
          if (db.unavailable) return sendError(res, 503, 'DATABASE_UNAVAILABLE', 'The database is restarting. Try again in a few seconds.');
          // The whole request, all its transactions included, ends by its deadline.
          const timer = (res.locals.deadline = setTimeout(() => {
            sendError(
              res,
              503,
              'QUERY_TIMEOUT',
              `The question took longer than ${config.requestDeadlineMs / 1000} s. Narrow it (a place, a date range, a smaller limit) and try again.`,
            );
          }, config.requestDeadlineMs));
          res.on('close', () => clearTimeout(timer));
          next();
        },
        express.json({ limit: LIMITS.maxBody }),
        expressMiddleware(apollo, {
          context: async ({ req, res }) => {
            const requestDb = db.withDeadline(config.requestDeadlineMs);
            const context: QuanzeContext = {
              db: batchedReads(requestDb),
              withoutDeadline() {
                clearTimeout(res.locals.deadline as NodeJS.Timeout);
                requestDb.liftDeadline();
              },
              editor: await editorFromHeader(req.headers.authorization, config),
              sessionConfig: { database: db.name },
              transaction: { timeout: requestDb.timeoutNow(config.queryTimeoutMs) },
            };
            return context;
          },
        }),
        bodyErrors,
      );
    },
  };
}

/** One error shape for everything /graphql answers: `{ errors: [{ message, extensions: { code } }] }`. */
function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  // A client that honours Retry-After does not spin on a restarting database, stealing the CPU its start-up needs.
  if (status === 503) res.set('retry-after', RETRY_AFTER_SECONDS);
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Apollo answers some refusals (no query, a GET without the CSRF header) as plain text;
 * they are rewrapped in the JSON error shape. Whatever is sent after the deadline's answer is dropped.
 */
function jsonErrorsOnly(_req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = ((body?: unknown) => {
    if (res.headersSent) return res;
    const json = String(res.getHeader('content-type') ?? '').includes('json');
    if (res.statusCode >= 400 && !json) {
      const code = res.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : res.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
      const text = typeof body === 'string' && res.statusCode < 500 ? truncateEcho(body.trim()) : 'The server could not answer this request.';
      res.type('application/json');
      return send(JSON.stringify({ errors: [{ message: text, extensions: { code } }] }));
    }
    return send(body);
  }) as Response['send'];
  next();
}

/** Errors raised before Apollo (body parsing) in the same JSON shape, without stack or path. */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed')
    return sendError(
      res,
      400,
      'BAD_REQUEST',
      'The request body is not valid JSON. Send `{"query": "…", "variables": {…}}` with Content-Type: application/json.',
    );
  if (type === 'entity.too.large')
    return sendError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than ${LIMITS.maxBody}. Import large bundles with \`npm run import\`.`,
    );
  const status = (error as { status?: number }).status;
  if (status && status >= 400 && status < 500)
    return sendError(res, status, 'BAD_REQUEST', 'The request could not be read. Send JSON with Content-Type: application/json.');
  console.error('Unexpected error before GraphQL:', error);
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The server could not answer this request.');
}
