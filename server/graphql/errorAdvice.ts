// Every error the API returns carries a code and a sentence saying what to do next, and
// never a stack, a local path, Cypher, or a long echo of what the caller sent.
import { unwrapResolverError } from '@apollo/server/errors';
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
  { match: /token limit|more th(?:an|at) \d+ tokens/i, code: 'QUERY_TOO_LONG', advice: 'Shorten the query or split it.' },
  { match: /TooManyClauses|maxClauseCount|too many boolean clauses/i, code: 'BAD_USER_INPUT', advice: 'Search with fewer or shorter words.' },
  {
    match: /transaction has been terminated|timed? ?out|TransactionTimedOut|ran out of time/i,
    code: 'QUERY_TIMEOUT',
    advice: 'The database took too long: narrow the question (a place, a date range, a smaller limit) and try again.',
  },
  {
    match: /Cannot query field|Unknown argument|Unknown type/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
    advice: 'Check the field and argument names in the documentation pane of /graphiql.',
  },
];

/** HTTP status for an answer whose errors left no data, by error code. */
export const STATUS_OF_CODE: Record<string, number> = {
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COSTLY: 400,
  TOO_MANY_ALIASES: 400,
  QUERY_TOO_LONG: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  FORBIDDEN: 403,
  /** Another import holds the database: imports run one at a time. */
  IMPORT_BUSY: 409,
  DATABASE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 503,
};

/** Longest run of text echoed back from the caller's input. */
const ECHO_LIMIT = 80;

/** Cuts every long run (an id or a value the caller sent) to its start, so an answer never grows with its input. */
export function truncateEcho(text: string): string {
  return text.replace(/[^\s"]{81,}|"[^"]{81,}"/g, (run) => `${run.slice(0, ECHO_LIMIT)}… (${run.length} characters)`);
}

function plainCodeOf(error: unknown): string | undefined {
  const original = unwrapResolverError(error) as { code?: unknown; name?: string } | undefined;
  return typeof original?.code === 'string' ? original.code : undefined;
}

export function withAdvice(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const originalCode = plainCodeOf(error);
  let code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  let message = formatted.message;
  if (originalCode === 'DATABASE_UNAVAILABLE' || originalCode === 'QUERY_TIMEOUT' || originalCode === 'IMPORT_BUSY') code = originalCode;
  else if (/ServiceUnavailable|SessionExpired/.test(originalCode ?? '') || /Could not perform discovery|Failed to connect to server/i.test(message)) {
    code = 'DATABASE_UNAVAILABLE';
    message = 'The database is unavailable. Try again in a few seconds.';
  }
  const known = ADVICE.find((a) => a.match.test(message) || a.match.test(originalCode ?? ''));
  if (known && code !== 'DATABASE_UNAVAILABLE') {
    code = known.code;
    message = message.replace(/^Syntax Error: /, '');
    if (known.code === 'BAD_USER_INPUT' && /TooManyClauses|maxClauseCount/i.test(`${message} ${originalCode}`))
      message = 'The search has too many distinct terms.';
    if (!message.endsWith(known.advice)) message = `${message} ${known.advice}`;
  }
  // A database or programming failure: its text names Cypher, classes or paths, which are not the caller's business.
  if (code === 'INTERNAL_SERVER_ERROR' && (originalCode?.startsWith('Neo.') || /\bat \S+:\d+|\/[\w.-]+\/[\w./-]+\.(ts|js|java)/.test(message))) {
    message = 'The server could not answer this question. Try a simpler question, or tell the maintainers what you asked.';
  }
  const { code: _ignored, stacktrace: _stack, exception: _exception, ...rest } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const small = JSON.stringify(rest).length <= 2000 ? rest : {};
  return {
    message: truncateEcho(message),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...small, code },
  };
}
