import { Kind, validate, type GraphQLSchema } from 'graphql';
import type { ClientOperation } from './ClientOperation.js';

/** The first validation error of the operation against `schema`, or `null` when it is valid (or unparsed). */
export function validateOperation(schema: GraphQLSchema, op: ClientOperation): string | null {
  if (op.operation === null) return null;
  const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [op.operation, ...Object.values(op.fragments)] }).filter(
    (e) => !/^Fragment ".*" is never used\.$/.test(e.message),
  );
  return errors[0]?.message ?? null;
}
