// Talks to /graphql. Every answer keeps the exact query text that produced it, so the UI
// can show it, copy it and open it in GraphiQL (see reproduce.ts).
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface Asked<T> {
  data: T;
  /** The whole GraphQL document, values inlined, as sent. */
  query: string;
  /** Parts of a several-part answer that failed, by operation name. */
  failed?: Record<string, unknown>;
}

export async function runQuery<T>(query: string): Promise<Asked<T>> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
  } catch {
    throw new ApiError('', 'NETWORK');
  }
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without JSON.`, 'BAD_RESPONSE');
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code ?? 'GRAPHQL_ERROR');
  }
  if (!body.data) throw new ApiError('The server sent no data.', 'BAD_RESPONSE');
  return { data: body.data, query };
}

/** A GraphQL literal for a value: strings and lists as JSON (GraphQL accepts JSON's escapes), objects with bare keys. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** `name: value` pairs for the arguments that are set. */
export function args(values: Record<string, unknown>): string {
  const set = Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return set.length ? `(${set.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')})` : '';
}
