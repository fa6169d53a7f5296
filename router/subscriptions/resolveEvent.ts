import { randomBytes } from 'node:crypto';
import {
  execute,
  getNamedType,
  getNullableType,
  GraphQLError,
  isAbstractType,
  isInputObjectType,
  isObjectType,
  responsePathAsArray,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLAbstractType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql/index.js';
import type { Gap } from '../../lib/index.js';
import { fillRemovedNulls, type RemovedField } from '../auth/authorizeOperation.js';
import type { Caller } from '../auth/verifyToken.js';
import { LruCache } from '../execution/LruCache.js';
import { runOperation, type OperationResult } from '../execution/runOperation.js';
import type { RouterRuntime } from '../execution/RouterRuntime.js';
import { envelopes, type EventValue } from './eventValue.js';
import { LOOKUP_COMMIT_VARIABLE, LOOKUP_ID_VARIABLE, lookupQuery, type LookupRoot } from './lookupQuery.js';

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
  /** The removed fields (their nulls are put into every result). */
  readonly removed: readonly RemovedField[];
}

/** Gateway lookups one event execution runs at a time. */
const LOOKUPS_IN_FLIGHT = 8;

/** Lookups shared by subscribers with the same selection, rights and event (one gateway call per event). */
const shared = new LruCache<string, Promise<OperationResult>>(2_000);

/** Whether an (authorized) subscription document needs lookups. */
const lookupNeeds = new WeakMap<DocumentNode, boolean>();

/** Query fields that look a type up by id, per schema (`null`: none). */
const lookupRoots = new WeakMap<GraphQLSchema, Map<string, LookupRoot | null>>();

function trace(): { traceId: string; parentId: string; flags: string } {
  return { traceId: randomBytes(16).toString('hex'), parentId: randomBytes(8).toString('hex'), flags: '01' };
}

/**
 * The Query field returning `typeName` (not a list) that takes `id` and no other required argument;
 * `atCommit` when it also takes `ref` with a `commit` field (core's `tag(id:, ref:)`).
 */
export function documentLookupRoot(schema: GraphQLSchema, typeName: string): LookupRoot | undefined {
  let bySchema = lookupRoots.get(schema);
  if (bySchema === undefined) {
    bySchema = new Map();
    lookupRoots.set(schema, bySchema);
  }
  const hit = bySchema.get(typeName);
  if (hit !== undefined) return hit ?? undefined;
  let found: LookupRoot | null = null;
  for (const f of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const type = getNullableType(f.type);
    if (!isObjectType(type) || type.name !== typeName) continue;
    if (!f.args.some((a) => a.name === 'id') || f.args.some((a) => a.name !== 'id' && a.name !== 'ref' && a.type.toString().endsWith('!'))) continue;
    const ref = f.args.find((a) => a.name === 'ref');
    const refType = ref !== undefined ? getNullableType(ref.type) : undefined;
    found = { field: f.name, atCommit: refType !== undefined && isInputObjectType(refType) && 'commit' in refType.getFields() };
    break;
  }
  bySchema.set(typeName, found);
  return found ?? undefined;
}

interface Lookup {
  readonly root: LookupRoot;
  readonly variables: Record<string, unknown>;
}

/**
 * Which lookup serves an envelope field: a field of the stream's lookup type (`commit: Commit`) calls
 * `Query.<lookup>(id: <event id>)`; an abstract field (`document: ChangedDocument`) of an object with
 * `type` and `id` (a changed document) calls the Query field returning that type, at the event's commit,
 * when the type is one of the field's possible types and the document was not deleted.
 */
function lookupFor(x: EventExecution, event: EventValue, obj: Record<string, unknown>, info: GraphQLResolveInfo, lookupTypeName: string | undefined): Lookup | null | undefined {
  const named = getNamedType(info.returnType);
  if (lookupTypeName !== undefined && named.name === lookupTypeName) {
    return event.lookupId === undefined ? null : { root: { field: x.lookup, atCommit: false }, variables: { [LOOKUP_ID_VARIABLE]: event.lookupId } };
  }
  if (!isAbstractType(named)) return undefined;
  const type = obj['type'];
  const id = obj['id'];
  if (typeof type !== 'string' || typeof id !== 'string' || obj['op'] === 'DELETED') return null;
  const concrete = x.schema.getType(type);
  if (!isObjectType(concrete) || !x.schema.isSubType(named as GraphQLAbstractType, concrete)) return null;
  const root = documentLookupRoot(x.schema, type);
  if (root === undefined) return null;
  const atCommit = root.atCommit && event.commit !== undefined;
  const fits = (condition: string): boolean => {
    if (condition === type) return true;
    const t = x.schema.getType(condition);
    return t !== undefined && isAbstractType(t) && x.schema.isSubType(t, concrete);
  };
  return { root: { field: root.field, atCommit, fits }, variables: { [LOOKUP_ID_VARIABLE]: id, ...(atCommit ? { [LOOKUP_COMMIT_VARIABLE]: event.commit } : {}) } };
}

/** Whether the document selects a field that needs a gateway lookup (results then depend on the caller's identity). */
export function needsLookups(x: EventExecution): boolean {
  const known = lookupNeeds.get(x.document);
  if (known !== undefined) return known;
  const lookupType = x.schema.getQueryType()?.getFields()[x.lookup]?.type;
  const lookupTypeName = lookupType !== undefined ? getNamedType(lookupType).name : undefined;
  const typeInfo = new TypeInfo(x.schema);
  let found = false;
  visit(
    x.document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const t = typeInfo.getType();
        const named = t !== null && t !== undefined ? getNamedType(t) : undefined;
        if (named !== undefined && (named.name === lookupTypeName || isAbstractType(named))) found = true;
      },
    }),
  );
  lookupNeeds.set(x.document, found);
  return found;
}

/**
 * Runs a subscriber's selection over one event value: envelope fields come from the message; lookup
 * fields (see {@link lookupFor}) run as `query { <field>(id: …) { …selection… } }` through the router's
 * normal pipeline (current schema, authorization, plan cache, executor), so federated fields resolve as
 * in a query under the subscriber's rights. Synchronous when the selection needs no lookup.
 */
export function resolveEvent(rt: RouterRuntime, x: EventExecution, event: EventValue, seq: number, gap: Gap | undefined): ExecutionResult | Promise<ExecutionResult> {
  const lookupType = x.schema.getQueryType()?.getFields()[x.lookup]?.type;
  const lookupTypeName = lookupType !== undefined ? getNamedType(lookupType).name : undefined;
  const extraErrors: GraphQLError[] = [];
  const root = { [x.field]: event.value };
  envelopes.add(root);

  // At most LOOKUPS_IN_FLIGHT gateway operations at a time for one event (a commit lists up to 500 changes).
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<void> => {
    if (inFlight < LOOKUPS_IN_FLIGHT) {
      inFlight++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next !== undefined) next();
    else inFlight--;
  };

  const runLookup = async (lookup: Lookup, info: GraphQLResolveInfo): Promise<unknown> => {
    const responseKey = info.path.key as string;
    const query = lookupQuery(lookup.root, responseKey, info.fieldNodes, info.fragments, info.operation);
    const variables = { ...x.variables, ...lookup.variables };
    const key = `${seq}\u0000${x.schemaId}\u0000${x.caller.sub}\u0000${[...x.caller.scopes].sort().join(' ')}\u0000${JSON.stringify(variables)}\u0000${query}`;
    let pending = shared.get(key);
    if (pending === undefined) {
      await slot();
      pending = shared.get(key);
      if (pending === undefined) {
        pending = runOperation(rt, { query, operationName: 'EventLookup', variables, viaGet: false, context: { caller: x.caller, trace: trace(), fresh: true } });
        pending.then(release, release);
        shared.set(key, pending);
      } else release();
    }
    const result = await pending;
    const prefix = responsePathAsArray(info.path);
    for (const e of result.errors ?? []) {
      const path = e.path !== undefined && e.path[0] === responseKey ? [...prefix, ...e.path.slice(1)] : prefix;
      extraErrors.push(new GraphQLError(e.message, { path, extensions: e.extensions }));
    }
    return result.data?.[responseKey] ?? null;
  };

  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) => {
    const obj = source as Record<string, unknown>;
    if (!envelopes.has(obj)) return obj[info.path.key as string];
    if (source === root) return obj[info.fieldName];
    const lookup = lookupFor(x, event, obj, info, lookupTypeName);
    if (lookup === undefined) return obj[info.fieldName];
    if (lookup === null) return null;
    return runLookup(lookup, info);
  };

  const finish = (result: ExecutionResult): ExecutionResult => {
    const errors = [...x.denied, ...extraErrors, ...(result.errors ?? [])];
    const data = x.removed.length > 0 && result.data !== undefined ? fillRemovedNulls(result.data, x.removed) : result.data;
    return {
      ...(data !== undefined ? { data } : {}),
      ...(errors.length > 0 ? { errors } : {}),
      ...(gap !== undefined ? { extensions: { missedEvents: { requestedCursor: String(gap.requestedSeq - 1), firstAvailableCursor: String(gap.firstAvailableSeq) } } } : {}),
    };
  };
  const result = execute({
    schema: x.schema,
    document: x.document,
    rootValue: root,
    variableValues: x.variables,
    ...(x.operationName !== undefined ? { operationName: x.operationName } : {}),
    fieldResolver,
  });
  return result instanceof Promise ? result.then(finish) : finish(result);
}
