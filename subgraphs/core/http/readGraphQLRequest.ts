import { supergraphError } from '../../../lib/index.js';

/** A GraphQL-over-HTTP request. */
export interface GraphQLParams {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly operationName: string | undefined;
}

function bad(message: string): never {
  throw supergraphError('BAD_USER_INPUT', message);
}

function variablesOf(v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  let parsed: unknown = v;
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v) as unknown;
    } catch {
      bad('variables is not JSON');
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) bad('variables must be an object');
  return parsed as Record<string, unknown>;
}

/**
 * What the endpoint reads of a request: a fetch `Request`, or a node:http request seen through lib's
 * raw handlers (`createCoreSubgraph`'s `raw`, without the fetch adapter).
 */
export interface RequestLike {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/** Reads `query`, `variables`, `operationName` from a GET (URL) or POST (JSON body) request. */
export async function readGraphQLRequest(request: RequestLike): Promise<GraphQLParams> {
  let raw: Record<string, unknown>;
  if (request.method === 'GET') {
    const params = new URL(request.url).searchParams;
    raw = { query: params.get('query'), variables: params.get('variables') ?? undefined, operationName: params.get('operationName') ?? undefined };
  } else {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      bad('The body is not JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) bad('The body must be a JSON object');
    raw = body as Record<string, unknown>;
  }
  const query = raw['query'];
  if (typeof query !== 'string' || query.trim() === '') bad('Missing query');
  const op = raw['operationName'];
  return { query, variables: variablesOf(raw['variables']), operationName: typeof op === 'string' && op !== '' ? op : undefined };
}
