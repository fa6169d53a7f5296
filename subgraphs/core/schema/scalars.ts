import type { ValueNode } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { supergraphError } from '../../../lib/index.js';

const { GraphQLScalarType, Kind, valueFromASTUntyped } = graphql;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

function bad(type: string, value: unknown): never {
  throw supergraphError('BAD_USER_INPUT', `Invalid ${type} value: ${JSON.stringify(value)}`);
}

function literal(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING) return ast.value;
  if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
  return valueFromASTUntyped(ast);
}

function parseDateTime(v: unknown): string {
  if (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v))) bad('DateTime', v);
  return v;
}

function parseBig(type: string, pattern: RegExp, v: unknown): string {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  if (typeof text !== 'string' || !pattern.test(text)) bad(type, v);
  return text;
}

/** `DateTime`: UTC `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, kept as text. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => v,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** `BigInt`: an integer as a JSON number or numeric string; parsed to text (TerminusDB takes text). */
export const BigIntScalar = new GraphQLScalarType({
  name: 'BigInt',
  serialize: (v) => v,
  parseValue: (v) => parseBig('BigInt', INTEGER, v),
  parseLiteral: (ast) => parseBig('BigInt', INTEGER, ast.kind === Kind.INT || ast.kind === Kind.STRING ? literal(ast) : undefined),
});

/** `BigFloat`: a decimal as a JSON number or numeric string; parsed to text. */
export const BigFloatScalar = new GraphQLScalarType({
  name: 'BigFloat',
  serialize: (v) => v,
  parseValue: (v) => parseBig('BigFloat', DECIMAL, v),
  parseLiteral: (ast) => parseBig('BigFloat', DECIMAL, ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING ? literal(ast) : undefined),
});

/** `JSON`: any JSON value. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
