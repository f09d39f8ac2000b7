// Every error the API returns carries a code and a sentence saying what to do next.
import type { GraphQLFormattedError } from 'graphql';

interface Advice {
  match: RegExp;
  code: string;
  advice: string;
}

const ADVICE: Advice[] = [
  { match: /depth limit/i, code: 'QUERY_TOO_DEEP', advice: 'Ask for fewer nested levels, or follow the chain in a second query.' },
  { match: /cost limit/i, code: 'QUERY_TOO_COSTLY', advice: 'Ask for fewer fields or split the query into several smaller ones.' },
  { match: /aliases limit/i, code: 'TOO_MANY_ALIASES', advice: 'Use fewer aliases per request, or send several requests.' },
  { match: /token limit/i, code: 'QUERY_TOO_LONG', advice: 'Shorten the query or split it.' },
  { match: /transaction has been terminated|timed? ?out|TransactionTimedOut/i, code: 'QUERY_TIMEOUT', advice: 'The database took too long: narrow the question (a place, a date range, a smaller limit) and try again.' },
  { match: /Cannot query field|Unknown argument|Unknown type/i, code: 'GRAPHQL_VALIDATION_FAILED', advice: 'Check the field and argument names in the documentation pane of /graphiql.' },
];

export function withAdvice(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const known = ADVICE.find((a) => a.match.test(formatted.message));
  if (!known) return formatted;
  const message = formatted.message.replace(/^Syntax Error: /, '');
  return {
    ...formatted,
    message: message.endsWith(known.advice) ? message : `${message} ${known.advice}`,
    extensions: { ...formatted.extensions, code: known.code },
  };
}
