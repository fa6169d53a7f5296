import { Kind, type GraphQLScalarTypeConfig } from 'graphql';
import { supergraphError } from '../errors/index.js';

function isoDate(v: unknown): string {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw supergraphError('BAD_USER_INPUT', 'DateTime must be an ISO 8601 string');
  return v;
}

/**
 * `DateTime` of the service subgraphs (audit, embedding, scheduler): an ISO 8601 string, kept as text;
 * a `Date` serializes as its ISO string; a bad input is `BAD_USER_INPUT`. A config, not a
 * `GraphQLScalarType`: each subgraph builds the type with the graphql-js instance its schema uses
 * (`new GraphQLScalarType(serviceDateTime)`). Core's `DateTime` is stricter (the UTC form TerminusDB
 * stores, subgraphs/core/schema/scalars.ts).
 */
export const serviceDateTime: GraphQLScalarTypeConfig<string, string> = {
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : String(v)),
  parseValue: isoDate,
  parseLiteral: (ast) => isoDate(ast.kind === Kind.STRING ? ast.value : undefined),
};

/** `JSON` of the service subgraphs: any JSON value, passed through (a config, as {@link serviceDateTime}). */
export const serviceJSON: GraphQLScalarTypeConfig<unknown, unknown> = { name: 'JSON', serialize: (v) => v, parseValue: (v) => v };
