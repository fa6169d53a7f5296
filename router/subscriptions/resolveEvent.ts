import { randomBytes } from 'node:crypto';
import {
  execute,
  getNamedType,
  GraphQLError,
  responsePathAsArray,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql/index.js';
import type { BusMessage, Gap } from '../../lib/index.js';
import type { Caller } from '../auth/verifyToken.js';
import { LruCache } from '../execution/LruCache.js';
import { runOperation, type OperationResult } from '../execution/runOperation.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import { envelopes, eventValue } from './eventValue.js';
import { LOOKUP_ID_VARIABLE, lookupQuery } from './lookupQuery.js';

/** What one subscriber's event execution needs (fixed at subscribe time, except the schema). */
export interface EventExecution {
  readonly schema: GraphQLSchema;
  readonly schemaId: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly field: string;
  readonly lookup: string;
  readonly caller: Caller;
  /** Errors to add to every event (fields removed by authorization). */
  readonly denied: readonly GraphQLError[];
}

/** Lookups shared by subscribers with the same selection, rights and event (one gateway call per event). */
const shared = new LruCache<string, Promise<OperationResult>>(2_000);

function trace(): { traceId: string; parentId: string; flags: string } {
  return { traceId: randomBytes(16).toString('hex'), parentId: randomBytes(8).toString('hex'), flags: '01' };
}

/**
 * Runs a subscriber's selection over one event: envelope fields come from the message; fields whose
 * type is the lookup's (e.g. `commit: Commit`) run as `query { <lookup>(id: $id) { …selection… } }`
 * through the router's normal pipeline (current schema, authorization, plan cache, executor), so
 * federated fields resolve as in a query under the subscriber's rights.
 */
export async function resolveEvent(rt: RouterRuntime, x: EventExecution, message: BusMessage, gap: Gap | undefined): Promise<ExecutionResult> {
  const event = eventValue(message, gap !== undefined);
  const lookupType = x.schema.getQueryType()?.getFields()[x.lookup]?.type;
  const lookupTypeName = lookupType !== undefined ? getNamedType(lookupType).name : undefined;
  const extraErrors: GraphQLError[] = [];
  const root = { [x.field]: event.value };
  envelopes.add(root);

  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = async (source, _args, _ctx, info) => {
    const obj = source as Record<string, unknown>;
    if (!envelopes.has(obj)) return obj[info.path.key as string];
    const isLookupField = source !== root && lookupTypeName !== undefined && getNamedType(info.returnType).name === lookupTypeName;
    if (!isLookupField) return obj[info.fieldName];
    if (event.lookupId === undefined) return null;
    const responseKey = info.path.key as string;
    const query = lookupQuery(x.lookup, responseKey, info.fieldNodes, info.fragments, info.operation);
    const variables = { ...x.variables, [LOOKUP_ID_VARIABLE]: event.lookupId };
    const key = `${message.seq}\u0000${x.schemaId}\u0000${x.caller.sub}\u0000${[...x.caller.scopes].sort().join(' ')}\u0000${JSON.stringify(variables)}\u0000${query}`;
    let pending = shared.get(key);
    if (pending === undefined) {
      pending = runOperation(rt, { query, operationName: 'EventLookup', variables, viaGet: false, context: { caller: x.caller, trace: trace() } });
      shared.set(key, pending);
    }
    const result = await pending;
    const prefix = responsePathAsArray(info.path);
    for (const e of result.errors ?? []) {
      const path = e.path !== undefined && e.path[0] === responseKey ? [...prefix, ...e.path.slice(1)] : prefix;
      extraErrors.push(new GraphQLError(e.message, { path, extensions: e.extensions }));
    }
    return result.data?.[responseKey] ?? null;
  };

  const result = await execute({
    schema: x.schema,
    document: x.document,
    rootValue: root,
    variableValues: x.variables,
    ...(x.operationName !== undefined ? { operationName: x.operationName } : {}),
    fieldResolver,
  });
  const errors = [...x.denied, ...extraErrors, ...(result.errors ?? [])];
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(errors.length > 0 ? { errors } : {}),
    ...(gap !== undefined ? { extensions: { missedEvents: { requestedCursor: String(gap.requestedSeq - 1), firstAvailableCursor: String(gap.firstAvailableSeq) } } } : {}),
  };
}
