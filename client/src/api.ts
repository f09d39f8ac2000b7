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
