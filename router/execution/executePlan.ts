import type { ServiceMap } from '@apollo/gateway';
import type { DocumentNode, GraphQLError } from 'graphql/index.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import { executeQueryPlan } from './executeQueryPlan.js';
import type { PlannedOperation } from './planOperation.js';
import type { RouterContext } from './RouterContext.js';

/** What executing a plan gives. */
export interface ExecutionResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLError[];
  readonly extensions?: Record<string, unknown>;
}

/** Runs a query plan (the gateway's executor, `executeQueryPlan.ts`) against the subgraph data sources. */
export async function executePlan(
  generation: SchemaGeneration,
  planned: PlannedOperation,
  sources: ServiceMap,
  request: { readonly query: string; readonly document: DocumentNode; readonly operationName: string | undefined; readonly variables: Readonly<Record<string, unknown>> },
  context: RouterContext,
): Promise<ExecutionResult> {
  if (!('shaper' in planned.shaping)) return { errors: [planned.shaping] };
  const requestContext = {
    request: { query: request.query, variables: request.variables, ...(request.operationName !== undefined ? { operationName: request.operationName } : {}) },
    document: request.document,
    operationName: request.operationName ?? null,
    context,
  };
  return executeQueryPlan(planned.plan, {
    operation: planned.shaping.operation,
    shaper: planned.shaping.shaper,
    operationDefinition: planned.operationContext.operation,
    schema: generation.schema,
    supergraphSchema: generation.supergraphSchema,
    serviceMap: sources,
    requestContext,
  });
}
