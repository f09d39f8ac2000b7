// Dates are YYYY-MM-DD and nothing else. @neo4j/graphql's own Date scalar goes through
// JavaScript's Date: it accepts "13 June" (as 2001-06-13) and shifts a day west of UTC.
import neo4j from 'neo4j-driver';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: unknown) {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  const check = match ? new Date(Date.UTC(year, month - 1, day)) : undefined;
  if (!check || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new GraphQLError(`"${String(value)}" is not a date: write it as YYYY-MM-DD, e.g. "2022-06-13".`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new neo4j.types.Date(year, month, day);
}

export const StrictDate = new GraphQLScalarType({
  name: 'Date',
  description: "A calendar date, written 'YYYY-MM-DD'.",
  serialize: (value) => {
    if (neo4j.isDate(value as never)) return String(value);
    if (typeof value === 'string' && ISO_DATE.test(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${String(value)}`);
  },
  parseValue: (value) => (neo4j.isDate(value as never) ? value : toDate(value)),
  parseLiteral: (ast) => toDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
