import type { GraphQLFormattedError } from 'graphql';
import type { graphql } from '../graphqlRuntime.js';
import { codeOf, type Logger } from '../../../lib/index.js';
import { isGraphQLError } from '../terminusErrors.js';

type GraphQLError = InstanceType<typeof graphql.GraphQLError>;

/**
 * Formats errors for the response: catalogued errors keep their code (and witnesses); unexpected
 * throwables are logged and masked as INTERNAL_SERVER_ERROR (never leaking internals).
 */
export function formatErrors(errors: readonly GraphQLError[], logger: Logger, fallbackCode?: string): GraphQLFormattedError[] {
  return errors.map((err) => {
    const original = err.originalError;
    const code = codeOf(err) ?? codeOf(original);
    if (code !== undefined) {
      const source = codeOf(err) !== undefined ? err : (original as GraphQLError);
      const { http: _http, ...extensions } = source.extensions;
      return { ...err.toJSON(), message: source.message, extensions: { ...extensions, code } };
    }
    if (fallbackCode !== undefined) return { ...err.toJSON(), extensions: { code: fallbackCode } };
    if (original !== undefined && !isGraphQLError(original)) {
      logger.error({ err: original, path: err.path }, 'unexpected error in a resolver');
      return { message: 'Internal server error', ...(err.path === undefined ? {} : { path: err.path }), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return { ...err.toJSON(), extensions: { ...err.extensions, code: 'INTERNAL_SERVER_ERROR' } };
  });
}
