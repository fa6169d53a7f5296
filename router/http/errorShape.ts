import type { GraphQLError } from 'graphql/index.js';
import { ERROR_CODES, type ErrorCode } from '../../lib/index.js';

/**
 * Whether a value is a GraphQLError, by shape: errors come from more than one copy of graphql-js
 * (ESM and CJS builds meet under test runners), so `instanceof` is not reliable.
 */
export function isGraphQLError(v: unknown): v is GraphQLError {
  return typeof v === 'object' && v !== null && (v as { name?: unknown }).name === 'GraphQLError' && typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

/** The catalogued `extensions.code` of an error, if any. */
export function errorCode(v: unknown): ErrorCode | undefined {
  if (!isGraphQLError(v)) return undefined;
  const code = v.extensions['code'];
  return typeof code === 'string' && code in ERROR_CODES ? (code as ErrorCode) : undefined;
}

/** Any `extensions.code` of an error (catalogued or a subgraph's own), for metrics. */
export function anyCode(v: GraphQLError): string {
  const code = v.extensions['code'];
  return typeof code === 'string' ? code : 'UNKNOWN';
}
