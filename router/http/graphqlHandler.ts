import { GraphQLError } from 'graphql/index.js';
import { parseTraceparent, type TraceContext } from '../../lib/index.js';
import { runOperation, type OperationResult } from '../execution/runOperation.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import { readGraphQLParams, RequestError, type GraphQLHttpRequest } from '../request/readGraphQLParams.js';
import { anyCode, errorCode, isGraphQLError } from './errorShape.js';
import { graphqlResponse, statusOf, type GraphQLHttpResponse } from './respond.js';
import { randomHex } from '../execution/randomHex.js';

function newTrace(): TraceContext {
  return { traceId: randomHex(16), parentId: randomHex(8), flags: '01' };
}

/**
 * Handles `POST /graphql` and `GET /graphql?query=…`: transport, authentication, then the operation.
 * Transport-neutral: `createRouter` serves it from a fetch `Request` and from lib's raw handlers.
 */
export function graphqlHandler(rt: RouterRuntime): (request: GraphQLHttpRequest) => Promise<GraphQLHttpResponse> {
  const record = (result: OperationResult, seconds: number): void => {
    const errors = result.errors ?? [];
    for (const e of errors) rt.metrics.errors.inc({ code: anyCode(e) });
    rt.metrics.requests.observe(
      { operation_type: result.operationType ?? 'unknown', operation_name: result.operationName ?? '', outcome: errors.length === 0 ? 'ok' : result.data !== undefined ? 'partial' : 'error' },
      seconds,
    );
  };
  return async (request) => {
    const started = performance.now();
    const trace = parseTraceparent(request.header('traceparent')) ?? newTrace();
    const traceHeader = { 'trace-id': trace.traceId };
    let result: OperationResult;
    let headers: Record<string, string> = traceHeader;
    try {
      const params = await readGraphQLParams(request, rt.config.limits.maxBodyBytes);
      const caller = await rt.verify(request.header('authorization'));
      const query = rt.persisted.resolve(params);
      if (typeof query !== 'string') result = { errors: [query], status: 0 };
      else {
        const clientName = request.header('apollographql-client-name') ?? undefined;
        result = await runOperation(rt, {
          query,
          operationName: params.operationName,
          variables: params.variables,
          viaGet: params.viaGet,
          context: { caller, trace, ...(clientName !== undefined ? { clientName } : {}) },
        });
      }
    } catch (err) {
      if (err instanceof RequestError) result = { errors: [err.error], status: 0 };
      else if (errorCode(err) === 'UNAUTHENTICATED' && isGraphQLError(err)) {
        result = { errors: [err], status: 401 };
        headers = { ...traceHeader, 'www-authenticate': `Bearer error="invalid_token", error_description="${err.message.replace(/"/g, "'")}"` };
      } else {
        rt.logger.error({ err }, 'request failed');
        result = { errors: [isGraphQLError(err) ? err : new GraphQLError('unexpected', { originalError: err as Error })], status: 500 };
      }
    }
    record(result, (performance.now() - started) / 1000);
    const status = result.status !== 0 ? result.status : statusOf(result.errors ?? []);
    return graphqlResponse(result, result.data !== undefined && status < 300 ? 200 : status, rt.logger, headers);
  };
}
