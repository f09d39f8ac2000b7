import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express, { type Express } from 'express';
import { GraphQLError, Kind } from 'graphql';
import type { Config } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { entityTypeDefs } from '../model/typeDefs.js';
import { editorFromHeader, type Editor } from './editorAuth.js';
import { withAdvice } from './errorAdvice.js';
import { questionResolvers, questionTypeDefs } from './questions.js';

export interface QuanzeContext {
  db: Database;
  editor?: Editor;
  [key: string]: unknown;
}

/** Limits every request meets; documented in docs/api.md. */
export const LIMITS = { maxDepth: 12, maxCost: 1000, maxAliases: 15, maxTokens: 5000 } as const;

/**
 * Refuses any mutation from a caller who is not an editor, before anything executes, and
 * moves the data version on after an editor's mutation so cached answers can be told apart.
 */
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
      async willSendResponse({ operation, contextValue, response }) {
        const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
        // importBundle moves the version inside its own transaction (and not at all on a dry run).
        const entityWrite = operation?.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value !== 'importBundle');
        if (operation?.operation === 'mutation' && contextValue.editor && !failed && entityWrite) {
          await contextValue.db.write((tx) =>
            tx.run("MERGE (m:Meta {id: 'dataVersion'}) SET m.version = coalesce(m.version, 0) + 1, m.updatedAt = datetime()"),
          );
        }
      },
    };
  },
};

export async function createGraphQL(db: Database, config: Config) {
  const neoSchema = new Neo4jGraphQL({
    typeDefs: [entityTypeDefs(), questionTypeDefs],
    driver: db.driver,
    resolvers: questionResolvers,
  });
  const schema = await neoSchema.getSchema();
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    costLimit: { maxCost: LIMITS.maxCost },
    maxAliases: { n: LIMITS.maxAliases },
    maxTokens: { n: LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  // graphql-armor's types come from Apollo's CommonJS build; the plugins are plain objects either way.
  const armorPlugins = protection.plugins as unknown as ApolloServerPlugin<QuanzeContext>[];
  const apollo = new ApolloServer<QuanzeContext>({
    schema,
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [...armorPlugins, ApolloServerPluginLandingPageDisabled(), editorsOnlyWrite],
    formatError: withAdvice,
  });
  await apollo.start();

  return {
    apollo,
    mount(app: Express) {
      app.use(
        '/graphql',
        express.json({ limit: '20mb' }),
        expressMiddleware(apollo, {
          context: async ({ req }) => ({
            db,
            editor: await editorFromHeader(req.headers.authorization, config),
            sessionConfig: { database: db.name },
            transaction: { timeout: config.queryTimeoutMs },
          }),
        }),
      );
    },
  };
}
