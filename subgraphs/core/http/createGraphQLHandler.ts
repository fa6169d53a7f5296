import { performance } from 'node:perf_hooks';
import type { DocumentNode, GraphQLFieldResolver, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { codeOf, type Logger, type Metrics, type RawResponse } from '../../../lib/index.js';
import { formatErrors } from './formatErrors.js';
import { readGraphQLRequest, type RequestLike } from './readGraphQLRequest.js';

const { execute, getOperationAST, GraphQLError, parse, validate } = graphql;
type GraphQLError = InstanceType<typeof graphql.GraphQLError>;

/** What the GraphQL endpoint needs. */
export interface GraphQLHandlerOptions<C> {
  readonly schema: GraphQLSchema;
  readonly fieldResolver: GraphQLFieldResolver<unknown, C>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Parsed and validated documents kept (default 1000). */
  readonly documentCacheSize?: number;
  /** Whole answers of queries (see `read/ResponseCache.ts`); none by default. */
  readonly responses?: ResponseCachePolicy<C>;
}

/** How the endpoint caches whole answers: which operations, where, and whether a cached one still holds. */
export interface ResponseCachePolicy<C> {
  cacheable(document: DocumentNode, op: OperationDefinitionNode): boolean;
  /** The cached JSON body under `key` if it is still the answer for this request. */
  lookup(key: string, context: C): Promise<string | undefined>;
  /** Keeps the JSON body of an answer without errors. */
  store(key: string, context: C, body: string): void;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** A JSON answer (lib `json()`'s body and headers, without building a `Response`). */
function answer(body: unknown, status: number, headers: Record<string, string> = {}): RawResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

type Parsed = { ok: true; document: DocumentNode } | { ok: false; status: number; errors: ReturnType<typeof formatErrors> };

/**
 * GraphQL over HTTP (GET and POST JSON) for one schema: documents are parsed and validated once
 * (LRU cache), mutations are refused over GET, errors carry catalogued `extensions.code`s.
 */
export function createGraphQLHandler<C>(options: GraphQLHandlerOptions<C>): (request: RequestLike, context: C) => Promise<RawResponse> {
  const { schema, logger, metrics } = options;
  const cache = new Map<string, Parsed>();
  const max = options.documentCacheSize ?? 1000;

  const prepare = (query: string): Parsed => {
    const hit = cache.get(query);
    if (hit !== undefined) {
      cache.delete(query);
      cache.set(query, hit);
      return hit;
    }
    let parsed: Parsed;
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      parsed =
        errors.length === 0
          ? { ok: true, document }
          : {
              ok: false,
              status: 400,
              // A bad literal value (e.g. an invalid DateTime in a filter) is bad input, not a bad document.
              // graphql-js reports a scalar's GraphQLError as is (same instance) or wraps it (another realm).
              errors: errors.map((e) => ({ ...e.toJSON(), extensions: { code: codeOf(e.originalError) === 'BAD_USER_INPUT' || e.extensions['code'] === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED' } })),
            };
    } catch (err) {
      const e = err instanceof GraphQLError ? err : new GraphQLError(String(err));
      parsed = { ok: false, status: 400, errors: formatErrors([e], logger, 'GRAPHQL_PARSE_FAILED') };
    }
    cache.set(query, parsed);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return parsed;
  };

  return async (request, context) => {
    const started = performance.now();
    let opType = 'unknown';
    let opName = '';
    const finish = (status: number, body: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }): RawResponse => {
      for (const e of body.errors ?? []) metrics.errors.inc({ code: String(e.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') });
      metrics.requests.observe({ operation_type: opType, operation_name: opName, outcome: body.errors === undefined ? 'ok' : 'error' }, (performance.now() - started) / 1000);
      return answer(body, status);
    };
    let params;
    try {
      params = await readGraphQLRequest(request);
    } catch (err) {
      return finish(400, { errors: formatErrors([err as GraphQLError], logger) });
    }
    const prepared = prepare(params.query);
    if (!prepared.ok) return finish(prepared.status, { errors: prepared.errors });
    const op = getOperationAST(prepared.document, params.operationName);
    opType = op?.operation ?? 'unknown';
    opName = op?.name?.value ?? params.operationName ?? '';
    if (op === null || op === undefined) {
      return finish(400, { errors: [{ message: 'Unknown or ambiguous operation', extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    if (request.method === 'GET' && op.operation !== 'query') {
      return answer({ errors: [{ message: 'Only queries are allowed over GET', extensions: { code: 'BAD_USER_INPUT' } }] }, 405, { allow: 'POST' });
    }
    const responses = options.responses;
    const cacheKey = responses?.cacheable(prepared.document, op) === true ? `${opName}\n${JSON.stringify(params.variables ?? null)}\n${params.query}` : undefined;
    if (cacheKey !== undefined) {
      const body = await (responses as ResponseCachePolicy<C>).lookup(cacheKey, context);
      if (body !== undefined) {
        metrics.requests.observe({ operation_type: opType, operation_name: opName, outcome: 'ok' }, (performance.now() - started) / 1000);
        return { status: 200, headers: JSON_TYPE, body };
      }
    }
    const result = await execute({
      schema,
      document: prepared.document,
      variableValues: params.variables ?? null,
      operationName: params.operationName ?? null,
      contextValue: context,
      fieldResolver: options.fieldResolver,
    });
    if (result.data === undefined) {
      // Variable coercion failed: a request error.
      return finish(400, { errors: formatErrors(result.errors ?? [], logger, 'BAD_USER_INPUT') });
    }
    const errors = result.errors !== undefined && result.errors.length > 0 ? formatErrors(result.errors, logger) : undefined;
    if (errors === undefined && cacheKey !== undefined) {
      const body = JSON.stringify({ data: result.data });
      (responses as ResponseCachePolicy<C>).store(cacheKey, context, body);
      metrics.requests.observe({ operation_type: opType, operation_name: opName, outcome: 'ok' }, (performance.now() - started) / 1000);
      return { status: 200, headers: JSON_TYPE, body };
    }
    return finish(200, errors === undefined ? { data: result.data } : { data: result.data, errors });
  };
}
