import type { GraphQLError } from 'graphql/index.js';
import { ERROR_CODES, type Logger } from '../../lib/index.js';
import { errorCode, isGraphQLError } from './errorShape.js';

/** A GraphQL response body. */
export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLError[];
  readonly extensions?: Record<string, unknown>;
}

/**
 * Makes errors safe to send: catalogued and subgraph errors pass (without the internal `http`
 * extension); anything else is logged and masked as INTERNAL_SERVER_ERROR.
 */
export function maskError(err: unknown, logger: Logger): Record<string, unknown> {
  if (isGraphQLError(err)) {
    const json = err.toJSON() as { message: string; extensions?: Record<string, unknown> };
    if (err.extensions['serviceName'] !== undefined || err.extensions['code'] !== undefined) {
      if (json.extensions !== undefined) {
        const { http: _http, ...extensions } = json.extensions;
        return { ...json, extensions };
      }
      return json;
    }
    if (err.originalError === undefined || err.originalError === null || isGraphQLError(err.originalError)) return json;
  }
  logger.error({ err }, 'unexpected error');
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** The HTTP status for errors without data: the catalogued status of the first error. */
export function statusOf(errors: readonly GraphQLError[]): number {
  const code = errors.length > 0 ? errorCode(errors[0]) : undefined;
  return code !== undefined ? ERROR_CODES[code].http : 500;
}

/** A GraphQL JSON answer, transport-neutral (a fetch `Response` or lib's raw response). */
export interface GraphQLHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A GraphQL JSON response: masked errors first, then data and extensions. */
export function graphqlResponse(body: GraphQLBody, status: number, logger: Logger, headers: Record<string, string> = {}): GraphQLHttpResponse {
  const out: Record<string, unknown> = {};
  if (body.errors !== undefined && body.errors.length > 0) out['errors'] = body.errors.map((e) => maskError(e, logger));
  if (body.data !== undefined) out['data'] = body.data;
  if (body.extensions !== undefined) out['extensions'] = body.extensions;
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(out) };
}
