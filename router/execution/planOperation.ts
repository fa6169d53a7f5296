import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql/index.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';

/** A query plan with the operation context the executor needs (cached together). */
export interface PlannedOperation {
  readonly plan: QueryPlan;
  readonly operationContext: ReturnType<typeof buildOperationContext>;
}

/** Plans an (already validated and authorised) operation on a generation's query planner. */
export function planOperation(generation: SchemaGeneration, document: DocumentNode, operationName: string | undefined): PlannedOperation {
  const operation = operationFromDocument(generation.apiSchema, document, { validate: false, ...(operationName !== undefined ? { operationName } : {}) });
  const plan = generation.planner.buildQueryPlan(operation);
  const operationContext = buildOperationContext({ schema: generation.schema, operationDocument: document, ...(operationName !== undefined ? { operationName } : {}) });
  return { plan, operationContext };
}
