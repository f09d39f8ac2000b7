// The model is declared once (server/model/model.ts); the API, the database schema and the
// bundle schema derive from it. These checks keep them in step.
import { describe, expect, it } from '@jest/globals';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { NODES, RELATIONS } from '../../server/model/model.js';
import { entityTypeDefs } from '../../server/model/typeDefs.js';
import { migrationStatements } from '../../server/neo4j/migrations.js';
import { questionResolvers, questionTypeDefs } from '../../server/graphql/questions.js';

let schema: GraphQLSchema;
async function apiSchema(): Promise<GraphQLSchema> {
  // Building the schema needs a driver object but never connects.
  schema ??= await new Neo4jGraphQL({
    typeDefs: [entityTypeDefs(), questionTypeDefs],
    resolvers: questionResolvers,
    driver: neo4j.driver('neo4j://127.0.0.1:1'),
  }).getSchema();
  return schema;
}

describe('the model, declared once', () => {
  it('gives every node type of the API its properties and relations, each described', async () => {
    const api = await apiSchema();
    for (const node of NODES) {
      const type = api.getType(node.label);
      expect(type).toBeInstanceOf(GraphQLObjectType);
      const fields = (type as GraphQLObjectType).getFields();
      expect(type?.description).toContain(node.description);
      for (const property of Object.keys(node.properties)) {
        expect(fields[property]?.description).toBeTruthy();
      }
      for (const relation of RELATIONS.filter((r) => r.from === node.label)) {
        expect(fields[relation.field]?.description).toBe(relation.description);
      }
      if (node.cited) expect(fields.evidence).toBeDefined();
    }
  });

  it('describes every type and field of the questions', async () => {
    const api = await apiSchema();
    const query = api.getQueryType()!.getFields();
    for (const name of ['whoCan', 'whoDid', 'gaps', 'explain', 'accountability', 'referralPaths', 'compare', 'timeline', 'search', 'neighborhood']) {
      expect(query[name]?.description).toBeTruthy();
    }
  });

  it('has a uniqueness constraint on id for every node type', () => {
    const statements = migrationStatements().join('\n');
    for (const { label } of NODES) expect(statements).toContain(`FOR (n:${label}) REQUIRE n.id IS UNIQUE`);
  });

  it('names each relation field once per node type', () => {
    for (const node of NODES) {
      const fields = RELATIONS.filter((r) => r.from === node.label).map((r) => r.field);
      expect(new Set(fields).size).toBe(fields.length);
      for (const field of fields) expect(Object.keys(node.properties)).not.toContain(field);
    }
  });
});
