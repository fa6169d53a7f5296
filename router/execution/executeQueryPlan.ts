import type { ServiceMap } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { applyRewrites, isObjectOfType } from '@apollo/gateway/dist/dataRewrites.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import { assert, errorCodeDef, ERRORS, type FieldSelection, type Operation } from '@apollo/federation-internals';
import { evaluateCondition, getResponseName, type FetchNode, type PlanNode, type QueryPlan, type QueryPlanSelectionNode } from '@apollo/query-planner';
import { executeSync, GraphQLError, Kind, OperationTypeNode, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type VariableDefinitionNode } from 'graphql/index.js';
import type { ResponseShaper } from './shapeResponse.js';

/*
 * The query-plan executor of `@apollo/gateway` 2.14 (`executeQueryPlan.js`) without what the router
 * does not use (usage-reporting traces, OpenTelemetry spans), with the operation built once per plan
 * and the response shaped by a compiled shaper (`shapeResponse.ts`). Fetches, merges, rewrites,
 * `@requires` representations, downstream errors and their paths are the gateway's code paths.
 */

type Data = Record<string, unknown>;

interface Cursor {
  readonly path: readonly (string | number)[];
  readonly data: unknown;
  readonly fullResult: Data;
}

/** What a plan execution needs besides the plan. */
export interface PlanExecutionContext {
  readonly operation: Operation;
  readonly shaper: ResponseShaper;
  /** The client operation (graphql-js AST) and its variable definitions, for introspection. */
  readonly operationDefinition: OperationDefinitionNode;
  /** The API schema (graphql-js), where introspection runs. */
  readonly schema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly serviceMap: ServiceMap;
  /** Handed to every data source as `incomingRequestContext`; `request.variables` are the operation's. */
  readonly requestContext: { readonly request: { readonly variables?: Readonly<Data> }; readonly context: unknown };
}

interface Ctx extends PlanExecutionContext {
  readonly errors: unknown[];
}

/** What executing a plan gives. */
export interface PlanResult {
  readonly data?: Data | null;
  readonly errors?: readonly GraphQLError[];
  readonly extensions?: Record<string, unknown>;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const getOwn = (o: Data, k: string): unknown => (hasOwn(o, k) ? o[k] : undefined);

/** Executes a query plan (see the module comment). */
export async function executeQueryPlan(plan: QueryPlan, c: PlanExecutionContext): Promise<PlanResult> {
  const ctx: Ctx = { ...c, errors: [] };
  const unfiltered = Object.create(null) as Data;
  if (plan.node?.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
  if (plan.node) await executeNode(ctx, plan.node, { path: [], data: unfiltered, fullResult: unfiltered });
  let data: Data | null;
  try {
    const variables = ctx.requestContext.request.variables ?? {};
    const shaped = ctx.shaper(unfiltered, variables, (f) => executeIntrospection(ctx.schema, f, ctx.operationDefinition.variableDefinitions, variables));
    data = shaped.data;
    if (ctx.errors.length === 0 && shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data };
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
    return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
  }
  return ctx.errors.length === 0 ? { data } : { errors: ctx.errors as GraphQLError[], data };
}

async function executeNode(ctx: Ctx, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (cursor === undefined) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(ctx, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(ctx, child, cursor)));
      return;
    case 'Flatten':
      await executeNode(ctx, node.node, moveIntoCursor(cursor, node.path));
      return;
    case 'Fetch':
      try {
        await executeFetch(ctx, node, cursor);
      } catch (error) {
        ctx.errors.push(error);
      }
      return;
    case 'Condition': {
      const condition = evaluateCondition(node, ctx.operation.variableDefinitions, ctx.requestContext.request.variables as Data | undefined);
      const picked = condition ? node.ifClause : node.elseClause;
      if (picked) await executeNode(ctx, picked, cursor);
      return;
    }
    case 'Defer':
      assert(false, `@defer support is not available in the gateway`);
  }
}

async function executeFetch(ctx: Ctx, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = ctx.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: Data[] = Array.isArray(cursor.data) ? (cursor.data as unknown[]).filter((v): v is Data => v !== null && v !== undefined) : [cursor.data as Data];
  if (entities.length < 1) return;
  const variables = Object.create(null) as Data;
  const provided = ctx.requestContext.request.variables;
  if (fetch.variableUsages) {
    for (const name of fetch.variableUsages) {
      if (provided && hasOwn(provided, name) && typeof provided[name] !== 'undefined') variables[name] = provided[name];
    }
  }
  const sendOperation = async (vars: Data): Promise<Data | null | undefined> => {
    const response = await service.process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: fetch.operation, variables: vars, operationName: fetch.operationName, http: undefined },
      incomingRequestContext: ctx.requestContext,
      context: ctx.requestContext.context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: cursor.path,
    } as unknown as Parameters<typeof service.process>[0]);
    if (response.errors) {
      const errorPath = makeLazyErrorPathGenerator(fetch, cursor);
      ctx.errors.push(...response.errors.map((error) => downstreamServiceError(error, fetch.serviceName, errorPath)));
    }
    return response.data as Data | null | undefined;
  };
  if (!fetch.requires) {
    const received = await sendOperation(variables);
    if (received) applyRewrites(ctx.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }
  const requires = fetch.requires;
  const representations: Data[] = [];
  const representationToEntity: number[] = [];
  entities.forEach((entity, index) => {
    const representation = executeSelectionSet(ctx.supergraphSchema, entity, requires);
    if (representation && representation['__typename']) {
      applyRewrites(ctx.supergraphSchema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  });
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error(`Variables cannot contain key "representations"`);
  const received = await sendOperation({ ...variables, representations });
  if (!received) return;
  if (!(received['_entities'] && Array.isArray(received['_entities']))) throw new Error(`Expected "data._entities" in response to be an array`);
  const receivedEntities = received['_entities'] as (Data | null)[];
  if (receivedEntities.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < entities.length; i++) {
    const receivedEntity = receivedEntities[i];
    const existing = entities[representationToEntity[i] as number];
    if (receivedEntity && !receivedEntity['__typename']) receivedEntity['__typename'] = (existing as Data)['__typename'];
    applyRewrites(ctx.supergraphSchema, fetch.outputRewrites, receivedEntity as Data);
    deepMerge(entities[representationToEntity[i] as number], receivedEntity);
  }
}

function makeLazyErrorPathGenerator(fetch: FetchNode, cursor: Cursor): (errorPath: readonly (string | number)[] | undefined) => (string | number)[] | undefined {
  let hydrated: (string | number)[][] | undefined;
  return (errorPath) => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        generateHydratedPaths([], cursor.path, cursor.fullResult, hydrated);
      }
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath.slice()] : undefined;
  };
}

function generateHydratedPaths(parent: (string | number)[], path: readonly (string | number)[], data: unknown, result: (string | number)[][]): void {
  const head = path[0];
  if (data == null) return;
  if (head == null) result.push(parent.slice());
  else if (head === '@') {
    assert(Array.isArray(data), 'expected array when encountering `@`');
    for (const [i, value] of (data as unknown[]).entries()) {
      parent.push(i);
      generateHydratedPaths(parent, path.slice(1), value, result);
      parent.pop();
    }
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      for (const [i, value] of data.entries()) {
        parent.push(i);
        generateHydratedPaths(parent, path, value, result);
        parent.pop();
      }
    } else if (hasOwn(data as Data, head)) {
      parent.push(head);
      generateHydratedPaths(parent, path.slice(1), (data as Data)[head], result);
      parent.pop();
    }
  } else assert(false, `unknown path part "${head}"`);
}

function executeSelectionSet(schema: GraphQLSchema, source: Data | null, selections: readonly QueryPlanSelectionNode[]): Data | null {
  if (source === null) return null;
  const result = Object.create(null) as Data;
  for (const selection of selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const responseName = getResponseName(selection);
        const sub = selection.selections;
        if (!hasOwn(source, responseName) || typeof source[responseName] === 'undefined') return null;
        const value = source[responseName];
        if (Array.isArray(value)) result[responseName] = value.map((v: unknown) => (sub ? executeSelectionSet(schema, v as Data | null, sub) : v));
        else if (sub) result[responseName] = executeSelectionSet(schema, value as Data | null, sub);
        else result[responseName] = value;
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (!selection.typeCondition || !source) continue;
        if (isObjectOfType(schema, source, selection.typeCondition)) deepMerge(result, executeSelectionSet(schema, source, selection.selections));
        break;
    }
  }
  return result;
}

function moveIntoCursor(cursor: Cursor, pathInCursor: readonly (string | number)[]): Cursor | undefined {
  const data = flattenResultsAtPath(cursor.data, pathInCursor);
  return data ? { path: cursor.path.concat(pathInCursor), data, fullResult: cursor.fullResult } : undefined;
}

function flattenResultsAtPath(value: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0) return value;
  if (value === undefined || value === null) return value;
  const [current, ...rest] = path;
  if (current === '@') return (value as unknown[]).flatMap((element) => flattenResultsAtPath(element, rest));
  assert(typeof current === 'string', () => `Unexpected ${typeof current} found in path`);
  assert(!Array.isArray(value), () => `Unexpected array in result for path element ${current}`);
  return flattenResultsAtPath(getOwn(value as Data, current as string), rest);
}

function downstreamServiceError(
  originalError: GraphQLError | { message?: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] },
  serviceName: string,
  generateErrorPath: (path: readonly (string | number)[] | undefined) => (string | number)[] | undefined,
): GraphQLError {
  let { message } = originalError;
  const { extensions } = originalError;
  if (!message) message = `Error while fetching subquery from service "${serviceName}"`;
  const options = { originalError: originalError as Error, path: generateErrorPath(originalError.path), extensions: { ...extensions, serviceName } };
  const codeDef = errorCodeDef(originalError as GraphQLError);
  if (!codeDef && extensions?.['code']) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

function executeIntrospection(schema: GraphQLSchema, f: FieldSelection, definitions: readonly VariableDefinitionNode[] | undefined, variables: Readonly<Data>): unknown {
  const selection = f.expandFragments().toSelectionNode() as SelectionNode & { alias?: { value: string }; name: { value: string } };
  const used = new Set<string>();
  visit(selection, { Variable: ({ name }) => void used.add(name.value) });
  const usedDefinitions = definitions?.filter((d) => used.has(d.variable.name.value));
  assert(used.size === (usedDefinitions?.length ?? 0), () => `Should have found all used variables ${[...used].join(',')} in definitions ${JSON.stringify(definitions)}`);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, variableDefinitions: usedDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] } } as OperationDefinitionNode],
  };
  const { data, errors } = executeSync({ schema, document, rootValue: {}, variableValues: variables });
  assert(!errors || errors.length === 0, () => `Introspection query for ${JSON.stringify(selection)} should not have failed but got ${JSON.stringify(errors)}`);
  assert(data, () => `Introspection query for ${JSON.stringify(selection)} should not have failed`);
  return getOwn(data as Data, selection.alias?.value ?? selection.name.value);
}
