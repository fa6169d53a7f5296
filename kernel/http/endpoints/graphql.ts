import { getOperationAST, parse } from 'graphql';
import { ApiError } from '../../errors.js';
import { serializeResult } from '../../graphql/index.js';
import { HeadMovedError } from '../../store/index.js';
import type { Json } from '../../types.js';
import { jsonObjectBody, type RequestContext } from '../context.js';
import type { KernelResponse } from '../respond.js';
import { parsePath, resolveRef } from '../resolve.js';
import type { Endpoint } from '../route.js';

/** Errors outside GraphQL execution: `{"errors":[{"message":...}]}` with the HTTP status (§11). */
function transportError(status: number, message: string): KernelResponse {
  return { status, json: { errors: [{ message }] } };
}

function asVariables(v: Json | undefined): Record<string, unknown> | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    const parsed = JSON.parse(v) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('variables must be an object');
    return parsed as Record<string, unknown>;
  }
  if (typeof v === 'object' && !Array.isArray(v)) return v;
  throw new TypeError('variables must be an object');
}

/**
 * `compress_ids` (query string): contracted `_id`s and mutation results unless `false`; TerminusDB
 * 12 defaults to true (tests/test/graphql-compress-ids.js) and answers 400 for other values.
 */
function compressIds(ctx: RequestContext): boolean | undefined {
  const raw = ctx.query.get('compress_ids');
  if (raw === null || raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

/** Whether the request's operation is a mutation (TerminusDB refuses mutations over GET). */
function isMutation(query: string, operationName: Json | undefined): boolean {
  try {
    const op = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined);
    return op?.operation === 'mutation';
  } catch {
    return false;
  }
}

async function handle(ctx: RequestContext): Promise<KernelResponse> {
  let ref;
  try {
    ref = resolveRef(ctx, parsePath(ctx.path), 'read');
  } catch (err) {
    if (err instanceof ApiError) return transportError(err.httpStatus, err.message);
    throw err;
  }
  let query: Json | undefined;
  let variables: Record<string, unknown> | null;
  let operationName: Json | undefined;
  try {
    const body = ctx.method === 'POST' ? ((await jsonObjectBody(ctx)) ?? {}) : {};
    query = ctx.query.get('query') ?? body['query'];
    variables = asVariables(ctx.query.get('variables') ?? body['variables']);
    operationName = ctx.query.get('operationName') ?? body['operationName'];
  } catch {
    return transportError(400, 'The request body is not a GraphQL-over-HTTP JSON object');
  }
  if (typeof query !== 'string' || query.trim() === '') return transportError(400, 'Missing query');
  const compress = compressIds(ctx);
  if (compress === undefined) {
    return transportError(400, `Parameter compress_ids has the wrong type: expected boolean (true, false), got ${JSON.stringify(ctx.query.get('compress_ids'))}`);
  }
  if (ctx.method === 'GET' && isMutation(query, operationName)) {
    return transportError(400, 'Mutations are not allowed via GET. Use POST instead.');
  }
  const store = ctx.deps.store;
  const db = ref.db;
  const branch = ref.branch;
  const user = ctx.user;
  const { status, body } = await ctx.deps.graphql.executeGraphQL({
    snapshot: ref.snapshot,
    database: db.id,
    request: { query, variables, operationName: typeof operationName === 'string' ? operationName : null },
    compressIds: compress,
    schemaless: db.schemaless,
    commit:
      branch === undefined || !user.superuser
        ? undefined
        : (plan, info) => {
            try {
              store.commit(
                db,
                branch,
                {
                  author: info.author ?? user.name,
                  message: info.message ?? 'GraphQL mutation',
                  user: user.iri,
                  changes: plan.changes,
                  ...(plan.context === undefined ? {} : { context: plan.context }),
                  ...(plan.clearGraphs === undefined ? {} : { clearGraphs: plan.clearGraphs }),
                },
                ref.snapshot.commit.id,
              );
            } catch (err) {
              if (err instanceof HeadMovedError) {
                throw new ApiError('api:conflict', `The branch ${branch} moved during the mutation; retry it`, {
                  '@type': 'api:HeadHasChanged',
                });
              }
              throw err;
            }
          },
  });
  return { status, text: serializeResult(body), contentType: 'application/json' };
}

/** `/api/graphql/{org}/{db}[/local/branch/{b} | /local/commit/{id}]` (§11), GET and POST. */
export const graphqlEndpoint: Endpoint = {
  name: 'graphql',
  methods: {
    GET: { errorType: 'api:GraphQLErrorResponse', handle },
    POST: { errorType: 'api:GraphQLErrorResponse', handle },
  },
};
