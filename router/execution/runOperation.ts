import { getVariableValues } from 'graphql/execution/values.js';
import type { GraphQLError } from 'graphql/index.js';
import { supergraphError } from '../../lib/index.js';
import { authorizeOperation, fillRemovedNulls, type AuthorizedOperation, type RemovedField } from '../auth/authorizeOperation.js';
import type { Caller } from '../auth/verifyToken.js';
import type { OperationOutcome } from '../plugins/RouterPlugin.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import { executePlan, type ExecutionResult } from './executePlan.js';
import { planOperation } from './planOperation.js';
import { isErrorList, prepareDocument, type PreparedOperation } from './prepareDocument.js';
import type { RouterContext } from './RouterContext.js';
import type { RouterRuntime } from './RouterRuntime.js';

/** One GraphQL request, after transport and authentication. */
export interface OperationRequest {
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly viaGet: boolean;
  readonly context: RouterContext;
}

/** The outcome: a GraphQL body and, for request errors, their HTTP status. */
export interface OperationResult extends ExecutionResult {
  readonly status: number;
  /** `query`/`mutation`/`subscription`, once known. */
  readonly operationType?: string;
  readonly operationName?: string;
}

const requestError = (errors: readonly GraphQLError[], status?: number): OperationResult => ({ errors, status: status ?? 0 });

function unauthorizedErrors(removed: readonly RemovedField[]): GraphQLError[] {
  return removed.map((r) => {
    const err = supergraphError('UNAUTHORIZED_FIELD_OR_TYPE', `Unauthorized field or type: ${r.coordinate}`, { coordinate: r.coordinate });
    (err as { path?: readonly (string | number)[] }).path = r.path;
    return err;
  });
}

function authKey(caller: Caller): string {
  return caller.authenticated ? `1:${[...caller.scopes].sort().join(' ')}` : '0';
}

function prepared(rt: RouterRuntime, generation: SchemaGeneration, req: OperationRequest): PreparedOperation | readonly GraphQLError[] {
  const key = `${generation.id}\u0000${req.operationName ?? ''}\u0000${req.query}`;
  let entry = rt.documents.get(key);
  if (entry === undefined) {
    entry = prepareDocument(generation, req.query, req.operationName, { introspection: rt.config.introspection, branchPolicy: rt.config.branchPolicy });
    rt.documents.set(key, entry);
  }
  return entry;
}

function authorize(rt: RouterRuntime, op: PreparedOperation, caller: Caller): AuthorizedOperation {
  const full = { document: { kind: 'Document', definitions: [op.operation, ...Object.values(op.fragments)] }, removed: [], empty: false } as unknown as AuthorizedOperation;
  if (!op.protected) return full;
  const key = authKey(caller);
  let result = op.authorized.get(key);
  rt.metrics.cacheLookups.inc({ cache: 'authorization', result: result !== undefined ? 'hit' : 'miss' });
  if (result === undefined) {
    result = authorizeOperation(op.generation.schema, op.operation, op.fragments, op.generation.authDirectives, { authenticated: caller.authenticated, scopes: caller.scopes });
    op.authorized.set(key, result.removed.length === 0 ? full : result);
  }
  return result.removed.length === 0 ? full : result;
}

/** Prepares, checks, authorises, plans and executes one operation on the current schema. */
export async function runOperation(rt: RouterRuntime, req: OperationRequest): Promise<OperationResult> {
  const started = performance.now();
  const generation = rt.schema.current;
  if (generation === undefined) return requestError([supergraphError('SUBGRAPH_UNAVAILABLE', 'the router has no schema loaded yet')], 503);
  const op = prepared(rt, generation, req);
  if (isErrorList(op)) return requestError(op);
  const meta = { operationType: op.operationType, ...(op.operationName !== undefined ? { operationName: op.operationName } : {}) };
  if (op.operationType === 'subscription') return { ...requestError([supergraphError('BAD_REQUEST', 'subscriptions are served over WebSocket (graphql-ws) on /graphql')]), ...meta };
  if (req.viaGet && op.operationType !== 'query') return { ...requestError([supergraphError('BAD_REQUEST', `${op.operationType}s are not allowed over GET: use POST`)], 405), ...meta };

  const coerced = getVariableValues(generation.schema, op.operation.variableDefinitions ?? [], req.variables);
  if (coerced.errors !== undefined) return { ...requestError(coerced.errors.map((e) => supergraphError('BAD_USER_INPUT', e.message))), ...meta };

  const after: ((o: OperationOutcome) => void)[] = [];
  const info = { prepared: op, variables: req.variables, caller: req.context.caller, clientName: req.context.clientName };
  for (const plugin of rt.plugins) {
    const out = plugin.onOperation?.(info);
    if (typeof out === 'function') after.push(out);
    else if (out !== undefined && out.length > 0) return { ...requestError(out), ...meta };
  }
  const finish = (result: OperationResult): OperationResult => {
    const outcome = { errors: result.errors ?? [], durationMs: performance.now() - started };
    for (const hook of after) hook(outcome);
    return result;
  };

  const authorized = authorize(rt, op, req.context.caller);
  const denied = unauthorizedErrors(authorized.removed);
  if (denied.length > 0 && rt.config.authorization.mode === 'reject') return finish({ ...requestError(denied), ...meta });
  if (authorized.empty) return finish({ data: fillRemovedNulls({}, authorized.removed), errors: denied, status: 200, ...meta });

  const planKey = `${generation.id}\u0000${op.operationName ?? ''}\u0000${denied.length > 0 ? authKey(req.context.caller) : ''}\u0000${req.query}`;
  let planned = rt.plans.get(planKey);
  if (planned === undefined) {
    planned = planOperation(generation, authorized.document, op.operationName);
    rt.plans.set(planKey, planned);
  }
  const result = await executePlan(generation, planned, rt.sourcesOf(generation), { query: req.query, document: authorized.document, operationName: op.operationName, variables: req.variables }, req.context);
  const data = denied.length > 0 && result.data !== undefined ? fillRemovedNulls(result.data, authorized.removed) : result.data;
  const errors = [...denied, ...(result.errors ?? [])];
  return finish({ ...(data !== undefined ? { data } : {}), ...(errors.length > 0 ? { errors } : {}), ...(result.extensions !== undefined ? { extensions: result.extensions } : {}), status: 200, ...meta });
}
