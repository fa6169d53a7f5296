import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, type Operation } from '@apollo/federation-internals';
import type { QueryPlan } from '@apollo/query-planner';
import { GraphQLError, Kind, type DocumentNode } from 'graphql/index.js';
import type { SchemaGeneration } from '../schema/SchemaGeneration.js';
import { compileResponseShaper, type ResponseShaper } from './shapeResponse.js';

/** A query plan with what the executor needs per request, built once (cached together). */
export interface PlannedOperation {
  readonly plan: QueryPlan;
  readonly operationContext: ReturnType<typeof buildOperationContext>;
  /**
   * The operation the executor shapes responses with (built from the operation context on the API
   * schema, as `@apollo/gateway`'s executor does per request) and its compiled shaper; or the error
   * building it gave (answered as the executor answers it).
   */
  readonly shaping: { readonly operation: Operation; readonly shaper: ResponseShaper } | GraphQLError;
}

/** Plans an (already validated and authorised) operation on a generation's query planner. */
export function planOperation(generation: SchemaGeneration, document: DocumentNode, operationName: string | undefined): PlannedOperation {
  const operation = operationFromDocument(generation.apiSchema, document, { validate: false, ...(operationName !== undefined ? { operationName } : {}) });
  const plan = generation.planner.buildQueryPlan(operation);
  const operationContext = buildOperationContext({ schema: generation.schema, operationDocument: document, ...(operationName !== undefined ? { operationName } : {}) });
  let shaping: PlannedOperation['shaping'];
  try {
    const executed = operationFromDocument(generation.apiSchema, { kind: Kind.DOCUMENT, definitions: [operationContext.operation, ...Object.values(operationContext.fragments)] }, { validate: false });
    shaping = { operation: executed, shaper: compileResponseShaper(executed) };
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    shaping = err;
  }
  return { plan, operationContext, shaping };
}
