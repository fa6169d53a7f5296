import { execute, getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import { ApiError } from '../errors.js';
import { parseContext } from '../schema/index.js';
import type { Snapshot } from '../store/Store.js';
import { apiGraphQLError } from './build/mutationType.js';
import type { RequestContext } from './context.js';
import { SchemaBuildError } from './frames.js';
import { DerivedCache } from './indexes/DerivedCache.js';
import { newMutationState, type CommitCallback } from './mutation/state.js';
import { documentFor, SchemaCache } from './schemaCache.js';

/** A GraphQL-over-HTTP request (POST body, or GET query parameters). */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  readonly operationName?: string | null | undefined;
}

/** One execution: the snapshot to read and, for branches, how to commit mutations. */
export interface ExecuteInput {
  /** The commit being read (branch head or `/local/commit/{id}`). */
  readonly snapshot: Snapshot;
  /** A stable key of the database (e.g. `DatabaseRecord.id`): derived indexes are cached per database. */
  readonly database: string;
  readonly request: GraphQLRequest;
  /** Contracted `_id`s and mutation results (default true, as TerminusDB 12; false: full IRIs). */
  readonly compressIds?: boolean | undefined;
  /** Schema-less database (`schema: false`): mutations skip instance validation. */
  readonly schemaless?: boolean | undefined;
  /** Writes the mutation's single commit; absent (commit descriptors) → mutations fail. */
  readonly commit?: CommitCallback | undefined;
}

/** The HTTP answer: status (200; 400 for syntax/validation errors; 500 for an ungeneratable schema) and JSON body. */
export interface GraphQLResponse {
  readonly status: number;
  readonly body: ExecutionResult;
}

/** Options of `createGraphQLEngine`. */
export interface GraphQLEngineOptions {
  /** Generated schemas kept (default 32). */
  readonly schemaCacheSize?: number;
  /** Derived indexes and counts kept, over all databases and commits (default 512). */
  readonly indexCacheSize?: number;
  /** Called with unexpected errors before they are masked as "Internal error". Default: none. */
  readonly onError?: (error: unknown) => void;
}

/** The GraphQL endpoint of the kernel; holds the schema and index caches. */
export interface GraphQLEngine {
  executeGraphQL(input: ExecuteInput): Promise<GraphQLResponse>;
}

function normaliseError(e: GraphQLError, onError: ((error: unknown) => void) | undefined): GraphQLError {
  const original = e.originalError;
  if (original === undefined || original === null || original instanceof GraphQLError) return e;
  if (original instanceof ApiError) {
    const api = apiGraphQLError(original);
    return new GraphQLError(api.message, { nodes: e.nodes ?? null, path: e.path ?? null, extensions: api.extensions });
  }
  onError?.(original);
  return new GraphQLError('Internal error', { nodes: e.nodes ?? null, path: e.path ?? null });
}

/** Creates the engine. Mount: `engine.executeGraphQL({ snapshot, database, request, commit })`. */
export function createGraphQLEngine(options: GraphQLEngineOptions = {}): GraphQLEngine {
  const schemas = new SchemaCache(options.schemaCacheSize);
  const cache = new DerivedCache(options.indexCacheSize);
  const onError = options.onError;

  return {
    async executeGraphQL(input) {
      const { snapshot, request } = input;
      if (typeof request.query !== 'string' || request.query === '') {
        return { status: 400, body: { errors: [new GraphQLError('Must provide query string.')] } };
      }
      let built;
      try {
        built = schemas.get(snapshot);
      } catch (e) {
        if (e instanceof SchemaBuildError) return { status: 500, body: { errors: [new GraphQLError(e.message)] } };
        throw e;
      }
      const document = documentFor(built, request.query);
      if (!('kind' in document)) return { status: 400, body: { errors: document } };
      const operation = getOperationAST(document, request.operationName ?? undefined);
      const isMutation = operation?.operation === 'mutation';
      const variables = request.variables ?? {};
      const rc: RequestContext = {
        snapshot,
        frames: built.frames,
        iri: parseContext(snapshot.context),
        db: input.database,
        cache,
        compressIds: input.compressIds ?? true,
        variables,
        mutation: isMutation && input.commit !== undefined ? newMutationState(input.schemaless ?? false) : undefined,
        paths: isMutation ? undefined : new WeakMap(),
      };
      const result = await execute({
        schema: built.schema,
        document,
        contextValue: rc,
        variableValues: variables,
        operationName: request.operationName ?? undefined,
      });
      const errors = result.errors?.map((e) => normaliseError(e, onError));
      if (errors !== undefined && result.data === undefined) return { status: 400, body: { errors } };
      if (rc.mutation?.plan !== undefined && errors === undefined && input.commit !== undefined) {
        try {
          await input.commit(rc.mutation.plan, { author: rc.mutation.author, message: rc.mutation.message });
        } catch (e) {
          const error = e instanceof ApiError ? apiGraphQLError(e) : normaliseError(new GraphQLError(String(e), { originalError: e as Error }), onError);
          return { status: 200, body: { data: null, errors: [error] } };
        }
      }
      return { status: 200, body: errors === undefined ? result : { ...result, errors } };
    },
  };
}
