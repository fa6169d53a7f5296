import { executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { DocumentNode, GraphQLError } from 'graphql/index.js';
import type { Logger } from '../../lib/index.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import type { PlannedOperation } from './planOperation.js';
import type { RouterContext } from './RouterContext.js';

/** What executing a plan gives. */
export interface ExecutionResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLError[];
  readonly extensions?: Record<string, unknown>;
}

/** Runs a query plan with `@apollo/gateway`'s executor against the subgraph data sources. */
export async function executePlan(
  generation: SchemaGeneration,
  planned: PlannedOperation,
  sources: ServiceMap,
  request: { readonly query: string; readonly document: DocumentNode; readonly operationName: string | undefined; readonly variables: Readonly<Record<string, unknown>> },
  context: RouterContext,
  logger: Logger,
): Promise<ExecutionResult> {
  const requestContext = {
    request: { query: request.query, variables: request.variables, ...(request.operationName !== undefined ? { operationName: request.operationName } : {}) },
    document: request.document,
    operationName: request.operationName ?? null,
    operation: planned.operationContext.operation,
    schema: generation.schema,
    queryHash: '',
    context,
    metrics: {},
    logger: {
      debug: (m: unknown) => logger.debug(String(m)),
      info: (m: unknown) => logger.info(String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
    cache: undefined,
    overallCachePolicy: undefined,
  };
  const result = await executeQueryPlan(
    planned.plan,
    sources,
    requestContext as unknown as Parameters<typeof executeQueryPlan>[2],
    planned.operationContext,
    generation.supergraphSchema,
    generation.apiSchema,
  );
  return result as ExecutionResult;
}
