// Dates are YYYY-MM-DD and nothing else in arguments. @neo4j/graphql's own Date scalar goes
// through JavaScript's Date: it accepts "13 June" (as 2001-06-13) and shifts a day west of UTC.
// In answers a date is written at the precision its source gives: "2022-06-13", "2022-04"
// (a month) or "1689" (a year). Arguments still take a full day.
import neo4j from 'neo4j-driver';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A value in an answer: a day, a month or a year (see server/dates.ts). */
const ANSWER_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

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
  description:
    "A calendar date. Arguments are full days, 'YYYY-MM-DD'. In answers a date is written at the precision of its source: " +
    "'YYYY-MM-DD' for a day, 'YYYY-MM' when the source gives only the month, 'YYYY' when it gives only the year.",
  serialize: (value) => {
    if (neo4j.isDate(value)) return String(value);
    if (typeof value === 'string' && ANSWER_DATE.test(value)) return value;
    if (typeof value === 'string' && ISO_DATE.test(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${String(value)}`);
  },
  parseValue: (value) => (neo4j.isDate(value) ? value : toDate(value)),
  parseLiteral: (ast) => toDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
