import { execute, getOperationAST, parse, validate, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { codeOf } from '../errors/index.js';
import { json } from '../http/index.js';
import type { Logger } from '../log/index.js';
import type { Metrics } from '../ops/index.js';

function badRequest(message: string, code = 'BAD_REQUEST'): Response {
  return json({ errors: [{ message, extensions: { code } }] }, 400);
}

/** Catalogued errors keep their code; anything else is logged and masked (never leaking internals). */
function formatError(err: GraphQLError, logger: Logger): GraphQLFormattedError {
  const code = codeOf(err) ?? codeOf(err.originalError);
  if (code !== undefined) {
    const source = (codeOf(err) !== undefined ? err : err.originalError) as GraphQLError;
    const { http: _http, ...extensions } = source.extensions;
    return { ...err.toJSON(), message: source.message, extensions: { ...extensions, code } };
  }
  logger.error({ err: err.originalError ?? err, path: err.path }, 'unexpected error in a resolver');
  return { message: 'Internal server error', ...(err.path === undefined ? {} : { path: err.path }), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * GraphQL over HTTP for a service subgraph's schema (POST JSON, GET for queries): 400 JSON with a
 * catalogued code for bad bodies, parse and validation errors; subscriptions refused (the router
 * serves them over graphql-ws); resolver errors keep their catalogue code, anything else is logged and
 * masked as INTERNAL_SERVER_ERROR; request and error metrics.
 */
export function createServiceGraphQLHandler<C>(options: { schema: GraphQLSchema; logger: Logger; metrics: Metrics }): (request: Request, context: C) => Promise<Response> {
  const { schema, logger, metrics } = options;
  return async (request, context) => {
    const started = performance.now();
    let body: Record<string, unknown>;
    if (request.method === 'GET') {
      const p = new URL(request.url).searchParams;
      let variables: unknown;
      try {
        variables = p.get('variables') === null ? undefined : JSON.parse(p.get('variables') ?? '{}');
      } catch {
        return badRequest('The variables parameter is not JSON');
      }
      body = { query: p.get('query'), operationName: p.get('operationName'), variables };
    } else {
      try {
        body = (await request.json()) as Record<string, unknown>;
      } catch {
        return badRequest('The body is not JSON');
      }
    }
    if (body === null || typeof body !== 'object' || typeof body['query'] !== 'string') return badRequest('Missing query');
    let document;
    try {
      document = parse(body['query']);
    } catch (err) {
      return badRequest((err as Error).message, 'GRAPHQL_PARSE_FAILED');
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return json({ errors: invalid.map((e) => ({ ...e.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) }, 400);
    const operationName = typeof body['operationName'] === 'string' ? body['operationName'] : null;
    const op = getOperationAST(document, operationName);
    if (op === null || op === undefined) return badRequest('Unknown or ambiguous operation', 'BAD_USER_INPUT');
    if (op.operation === 'subscription') return badRequest('Subscriptions are served by the router (graphql-ws)', 'BAD_REQUEST');
    if (request.method === 'GET' && op.operation !== 'query') return json({ errors: [{ message: 'Only queries over GET' }] }, 405, { allow: 'POST' });
    const variables = body['variables'];
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return badRequest('variables must be a JSON object');
    const result = await execute({ schema, document, operationName, contextValue: context, variableValues: (variables as Record<string, unknown> | undefined) ?? null });
    const errors = result.errors?.map((e) => formatError(e, logger));
    for (const e of errors ?? []) metrics.errors.inc({ code: String(e.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') });
    metrics.requests.observe({ operation_type: op.operation, operation_name: op.name?.value ?? '', outcome: errors === undefined ? 'ok' : 'error' }, (performance.now() - started) / 1000);
    if (result.data === undefined) return json({ errors }, 400);
    return json(errors === undefined ? { data: result.data } : { data: result.data, errors });
  };
}
