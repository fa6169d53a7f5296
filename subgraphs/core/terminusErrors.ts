import { BreakerOpenError, supergraphError, TerminusError, toTerminusError } from '../../lib/index.js';
import type { graphql } from './graphqlRuntime.js';

type GraphQLError = InstanceType<typeof graphql.GraphQLError>;

type Obj = Record<string, unknown>;

const CONFLICTS = new Set(['api:DocumentIdAlreadyExists', 'api:DataVersionMismatch', 'api:HeadHasChanged', 'api:SameDocumentIdsMutatedInOneTransaction']);
const NOT_SCHEMA = new Set(['api:MissingParameter', 'api:BadParameterType', 'api:UnknownDatabase', 'api:DocumentAccessImpossible', 'api:MissingContentTypeErrorResponse']);

/** Whether a throwable is a GraphQL error (of any graphql-js instance: see graphqlRuntime.ts). */
export function isGraphQLError(err: unknown): err is GraphQLError {
  return err instanceof Error && err.name === 'GraphQLError' && typeof (err as { extensions?: unknown }).extensions === 'object';
}

/** The `api:error` object of a TerminusDB error body. */
export function apiError(body: unknown): Obj | undefined {
  const e = (body as { 'api:error'?: unknown } | undefined)?.['api:error'];
  return e !== null && typeof e === 'object' ? (e as Obj) : undefined;
}

/** TerminusDB's witnesses of a refused write: `api:witnesses`, or the `api:error` itself. */
export function witnessesOf(error: Obj | undefined): unknown[] {
  const w = error?.['api:witnesses'];
  return Array.isArray(w) ? w : error === undefined ? [] : [error];
}

/** Whether an `api:error` type is a refused write because of the data (a schema violation). */
export function isSchemaViolation(type: string | undefined): boolean {
  return type !== undefined && !CONFLICTS.has(type) && !NOT_SCHEMA.has(type) && type !== 'api:DocumentNotFound' && type !== 'api:UnresolvableAbsoluteDescriptor';
}

/**
 * Maps a failure of a TerminusDB call to a catalogued GraphQL error: unavailable (no answer, 5xx,
 * breaker open), SCHEMA_VIOLATION with witnesses, CONFLICT, NOT_FOUND, BRANCH_NOT_FOUND.
 */
export function mapTerminusFailure(err: unknown, what: { branch?: string } = {}): GraphQLError {
  if (isGraphQLError(err)) return err;
  if (err instanceof BreakerOpenError) return supergraphError('TERMINUSDB_UNAVAILABLE', 'TerminusDB is unavailable (circuit open)');
  const e = err instanceof TerminusError ? err : toTerminusError(err);
  if (e.transient) return supergraphError('TERMINUSDB_UNAVAILABLE', 'TerminusDB did not answer');
  const error = apiError(e.body);
  const type = e.apiErrorType;
  if (type === 'api:UnresolvableAbsoluteDescriptor' || type === 'api:BranchDoesNotExistError' || type === 'api:OriginBranchDoesNotExist') {
    return supergraphError('BRANCH_NOT_FOUND', `Branch ${what.branch ?? ''} does not exist`.replace('  ', ' '));
  }
  if (type === 'api:DocumentNotFound') return supergraphError('NOT_FOUND', `Document not found: ${String(error?.['api:document_id'] ?? '')}`);
  if (type !== undefined && CONFLICTS.has(type)) return supergraphError('CONFLICT', e.message, { terminusdb: type });
  if (e.status === 400 && isSchemaViolation(type)) {
    return supergraphError('SCHEMA_VIOLATION', e.message === '' ? 'Schema check failure' : e.message, { witnesses: witnessesOf(error) });
  }
  if (e.status === 404) return supergraphError('NOT_FOUND', e.message);
  return supergraphError('BAD_USER_INPUT', e.message);
}
