// The questions people ask (docs/api.md), as Query fields. Each resolver translates
// arguments to one analysis in server/analyses and holds no domain logic.
import type { QuanzeContext } from './server.js';

export const questionTypeDefs = /* GraphQL */ `
  type Query {
    """A number that changes whenever the data changes; cite it with an answer to reproduce it."""
    dataVersion: Int!
  }
`;

export const questionResolvers = {
  Query: {
    dataVersion: async (_: unknown, __: unknown, { db }: QuanzeContext) => {
      const [row] = await db.query<{ version: number | null }>("OPTIONAL MATCH (m:Meta {id: 'dataVersion'}) RETURN m.version AS version");
      return row?.version ?? 0;
    },
  },
};
