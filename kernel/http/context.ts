import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors.js';
import type { GraphQLEngine } from '../graphql/index.js';
import type { Store } from '../store/index.js';
import type { Json, JsonObject } from '../types.js';
import type { User } from './auth.js';
import { parseJsonSequence } from './body.js';
import { findDuplicateKey } from './duplicateKey.js';
import { Params } from './params.js';

/** Settings the HTTP layer needs (see kernel/config.ts for their sources and defaults). */
export interface HttpSettings {
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly maxBodyBytes: number;
}

export interface KernelDeps {
  readonly store: Store;
  /** The GraphQL engine (schema and index caches) of this kernel. */
  readonly graphql: GraphQLEngine;
  readonly settings: HttpSettings;
  /** Called with unexpected errors before a 500 is sent. */
  readonly onError?: (err: unknown) => void;
}

/** One request as endpoints see it: method after override, resource path, parameters, body. */
export interface RequestContext {
  readonly method: string;
  /** Resource path after `/api/<endpoint>/`, percent-decoded, may be ''. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly user: User;
  readonly deps: KernelDeps;
  /** The raw (decoded) request body. */
  body(): Promise<Buffer>;
}

function header(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isJsonType(ctx: RequestContext): boolean {
  return /^application\/json\b/i.test(header(ctx, 'content-type') ?? '');
}

/**
 * Requires `Content-Type: application/json` for a JSON body (§1.3): 400 with
 * `api:MissingContentTypeErrorResponse` or `api:BadContentTypeErrorResponse`.
 */
export function requireJsonContentType(ctx: RequestContext): void {
  const type = header(ctx, 'content-type');
  if (type === undefined) {
    throw new ApiError(
      'api:failure',
      "Missing 'Content-Type' header. Expected value: 'application/json'",
      undefined,
      { envelopeType: 'api:MissingContentTypeErrorResponse', withRequestId: false },
    );
  }
  if (!isJsonType(ctx)) {
    throw new ApiError(
      'api:failure',
      `Bad 'Content-Type' header: ${type}. Expected value: 'application/json'`,
      undefined,
      { envelopeType: 'api:BadContentTypeErrorResponse', withRequestId: false },
    );
  }
}

function invalidJson(raw: string): ApiError {
  return new ApiError('api:failure', 'Submitted object was not valid JSON', undefined, {
    envelopeType: null,
    withRequestId: false,
    extra: { 'system:object': raw },
  });
}

/**
 * The body as one JSON object, for endpoints whose parameters travel in it. Read only when the
 * request declares a JSON content type (GET/DELETE bodies are otherwise ignored). Duplicate keys
 * are refused with `api:DuplicateField`.
 */
export async function jsonObjectBody(
  ctx: RequestContext,
  options: { required?: boolean } = {},
): Promise<JsonObject | undefined> {
  if (!isJsonType(ctx)) {
    if (options.required === true) requireJsonContentType(ctx);
    return undefined;
  }
  const raw = (await ctx.body()).toString('utf8');
  if (raw.trim() === '') return options.required === true ? {} : undefined;
  let value: Json;
  try {
    value = JSON.parse(raw) as Json;
  } catch {
    throw invalidJson(raw);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (options.required === true) throw invalidJson(raw);
    return undefined;
  }
  const duplicate = findDuplicateKey(raw);
  if (duplicate !== undefined) {
    throw new ApiError('api:failure', `Duplicate field in request: ${duplicate}`, undefined, {
      envelopeType: 'api:DuplicateField',
      withRequestId: false,
    });
  }
  return value;
}

/** Parameters from the query string and, for JSON requests, an object body. */
export async function paramsOf(ctx: RequestContext): Promise<Params> {
  let body: JsonObject | undefined;
  try {
    body = await jsonObjectBody(ctx);
  } catch (err) {
    if (err instanceof ApiError && err.envelopeType === null) body = undefined;
    else throw err;
  }
  return new Params(ctx.query, body);
}

/** A document body: a sequence of JSON values, arrays flattened (§4.4). */
export async function documentsBody(ctx: RequestContext): Promise<Json[]> {
  const raw = (await ctx.body()).toString('utf8');
  if (raw.trim() === '') return [];
  requireJsonContentType(ctx);
  const values = parseJsonSequence(raw);
  if (values === null) {
    throw new ApiError('api:failure', 'Submitted document was not valid JSON', {
      '@type': 'api:BadJSONDocument',
    });
  }
  return values.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

export function headerOf(ctx: RequestContext, name: string): string | undefined {
  return header(ctx, name);
}
