import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode } from './codes.js';

/** Extra `extensions` fields of an error (never internals). */
export type ErrorExtensions = Readonly<Record<string, unknown>>;

/**
 * Creates the GraphQL error for a catalogued code: `extensions.code` and `extensions.http.status`
 * are set from the catalogue.
 */
export function supergraphError(code: ErrorCode, message: string, extensions: ErrorExtensions = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...extensions, code, http: { status: ERROR_CODES[code].http } },
  });
}

/** The catalogued code of an error, if it has one. */
export function codeOf(err: unknown): ErrorCode | undefined {
  if (!(err instanceof GraphQLError)) return undefined;
  const code = err.extensions['code'];
  return typeof code === 'string' && code in ERROR_CODES ? (code as ErrorCode) : undefined;
}
