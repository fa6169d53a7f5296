import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import type { Json } from '../types.js';
import { parseDateTime } from './values.js';

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function literalText(ast: ValueNode): string | undefined {
  if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
  return undefined;
}

function textScalar(name: string, description: string, check: (s: string) => boolean): GraphQLScalarType {
  const parse = (v: unknown): string => {
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || !check(s)) throw new GraphQLError(`${name} cannot represent value: ${JSON.stringify(v)}`);
    return s;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => v,
    parseValue: parse,
    parseLiteral: (ast) => parse(literalText(ast)),
  });
}

/** `BigInt`: integers of any size; output as bare JSON numbers, input as strings or ints. */
export const BigIntScalar = textScalar(
  'BigInt',
  'The `BigInt` scalar type represents non-fractional signed whole numeric values.',
  (s) => INTEGER.test(s),
);

/** `BigFloat`: arbitrary precision decimals; output as bare JSON numbers. */
export const BigFloatScalar = textScalar('BigFloat', 'The `BigFloat` scalar type represents an arbitrary precision decimal.', (s) =>
  DECIMAL.test(s),
);

/** `DateTime`: `xsd:dateTime` strings. */
export const DateTimeScalar = textScalar(
  'DateTime',
  'The `DateTime` scalar type represents a date encoded as a string using the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.',
  (s) => parseDateTime(s) !== undefined,
);

/** `JSON`: output as JSON text (as TerminusDB does); input as JSON text or any JSON value. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'An arbitrary JSON value.',
  serialize: (v) => (typeof v === 'string' ? v : JSON.stringify(v)),
  parseValue: (v) => v as Json,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables) as Json,
});
