// The questions people ask (docs/api.md), as Query fields declared in questions.graphql.
// Each resolver translates arguments to one analysis in server/analyses and holds no domain logic.
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { projectRoot } from '../config.js';
import { answerMeta } from '../analyses/run.js';
import type { QuanzeContext } from './server.js';
import { deJureResolvers } from './deJureResolvers.js';
import { StrictDate } from './strictDate.js';
import { findingsResolvers } from './findingsResolvers.js';
import { auditResolvers } from './auditResolvers.js';

/** The questions, the parts their answers share, and the editors' audit log (audit.graphql extends Query). */
export const questionTypeDefs = ['answerParts.graphql', 'questions.graphql', 'audit.graphql']
  .map((file) => fs.readFileSync(path.join(projectRoot, 'server', 'graphql', file), 'utf8'))
  .join('\n');

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return undefined;
    default:
      return (node as { value: unknown }).value;
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

export const questionResolvers = {
  JSON: JSONScalar,
  Date: StrictDate,
  Query: {
    dataVersion: async (_: unknown, __: unknown, { db }: QuanzeContext) => (await answerMeta(db)).dataVersion,
    ...deJureResolvers,
    ...findingsResolvers.Query,
    ...auditResolvers.Query,
  },
  Mutation: { ...findingsResolvers.Mutation },
};
