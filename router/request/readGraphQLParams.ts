import { supergraphError } from '../../lib/index.js';
import type { GraphQLError } from 'graphql/index.js';

/** The GraphQL-over-HTTP parameters of a request. */
export interface GraphQLParams {
  readonly query?: string;
  readonly operationName?: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Trusted-document id (`documentId`, GraphQL-over-HTTP persisted documents). */
  readonly documentId?: string;
  /** True for GET (mutations are refused). */
  readonly viaGet: boolean;
}

/** A request that is not a GraphQL request, with the HTTP status to answer. */
export class RequestError extends Error {
  constructor(readonly error: GraphQLError) {
    super(error.message);
  }
}

const bad = (message: string): RequestError => new RequestError(supergraphError('BAD_REQUEST', message));

/**
 * A GraphQL HTTP request, whatever carries it (a fetch `Request` or node:http through lib's raw
 * handlers): `text` reads the body up to a limit and throws {@link RequestError} PAYLOAD_TOO_LARGE past it.
 */
export interface GraphQLHttpRequest {
  readonly method: string;
  /** The query string of the URL (`URLSearchParams` of a GET). */
  searchParams(): URLSearchParams;
  header(name: string): string | null;
  text(maxBytes: number): Promise<string>;
  /** Discards the body (a refused request). */
  discard(): Promise<void>;
}

export const tooLarge = (maxBytes: number): RequestError => new RequestError(supergraphError('PAYLOAD_TOO_LARGE', `request body is larger than ${maxBytes} bytes`));

/** A fetch `Request` as a {@link GraphQLHttpRequest}. */
export function fromFetchRequest(request: Request): GraphQLHttpRequest {
  return {
    method: request.method,
    searchParams: () => new URL(request.url).searchParams,
    header: (name) => request.headers.get(name),
    discard: async () => {
      await request.body?.cancel().catch(() => undefined);
    },
    async text(maxBytes) {
      const declared = Number(request.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
      if (request.body === null) return '';
      const reader = request.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge(maxBytes);
        }
        chunks.push(value);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  throw bad(`"${what}" must be an object`);
}

function jsonParam(text: string | null, what: string): Record<string, unknown> {
  if (text === null || text === '') return {};
  try {
    return object(JSON.parse(text), what);
  } catch (err) {
    if (err instanceof RequestError) throw err;
    throw bad(`"${what}" is not valid JSON`);
  }
}

function params(raw: Record<string, unknown>, viaGet: boolean): GraphQLParams {
  const { query, operationName, documentId } = raw;
  if (query !== undefined && query !== null && typeof query !== 'string') throw bad('"query" must be a string');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw bad('"operationName" must be a string');
  if (documentId !== undefined && documentId !== null && typeof documentId !== 'string') throw bad('"documentId" must be a string');
  return {
    ...(typeof query === 'string' && query !== '' ? { query } : {}),
    ...(typeof operationName === 'string' && operationName !== '' ? { operationName } : {}),
    ...(typeof documentId === 'string' ? { documentId } : {}),
    variables: typeof raw['variables'] === 'string' ? jsonParam(raw['variables'], 'variables') : object(raw['variables'], 'variables'),
    extensions: typeof raw['extensions'] === 'string' ? jsonParam(raw['extensions'], 'extensions') : object(raw['extensions'], 'extensions'),
    viaGet,
  };
}

/**
 * Reads the GraphQL parameters of a POST (JSON body, at most `maxBodyBytes`) or GET (query string).
 * Throws RequestError: PAYLOAD_TOO_LARGE (413) or BAD_REQUEST (400) naming what is wrong.
 */
export async function readGraphQLParams(request: GraphQLHttpRequest, maxBodyBytes: number): Promise<GraphQLParams> {
  if (request.method === 'GET') {
    const q = request.searchParams();
    return params(
      { query: q.get('query') ?? undefined, operationName: q.get('operationName') ?? undefined, documentId: q.get('documentId') ?? undefined, variables: q.get('variables'), extensions: q.get('extensions') },
      true,
    );
  }
  if (request.method !== 'POST') throw bad(`method ${request.method} is not allowed: use POST (or GET for queries)`);
  const type = request.header('content-type') ?? '';
  if (!/^application\/(json|graphql-response\+json)\b/i.test(type) && type !== '') {
    await request.discard();
    throw bad(`content-type "${type}" is not supported: send application/json`);
  }
  const text = await request.text(maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw bad('request body is not valid JSON');
  }
  if (Array.isArray(body)) throw bad('batched requests are not supported: send one operation per request');
  if (typeof body !== 'object' || body === null) throw bad('request body must be a JSON object with "query"');
  return params(body as Record<string, unknown>, false);
}
