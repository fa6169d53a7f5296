import type { GraphQLError } from 'graphql/index.js';

/** A composition error, located: which subgraph, type and field, and what to do about it. */
export interface CompositionProblem {
  readonly code: string;
  readonly message: string;
  readonly subgraph?: string;
  readonly type?: string;
  readonly field?: string;
  /** `file:line:column` of the first node the error points at. */
  readonly location?: string;
  readonly hint: string;
}

const HINTS: Readonly<Record<string, string>> = {
  INVALID_FIELD_SHARING: 'Mark the field @shareable in every subgraph that resolves it, or resolve it in one subgraph only.',
  FIELD_TYPE_MISMATCH: 'Give the field the same type in every subgraph (nullability may differ only where composition allows).',
  FIELD_ARGUMENT_TYPE_MISMATCH: 'Give the argument the same type in every subgraph.',
  EXTERNAL_MISSING_ON_BASE: 'An @external field must be defined (non-external) in some other subgraph.',
  SATISFIABILITY_ERROR: 'Some field cannot be reached from the root types; add a @key so the planner can jump between subgraphs.',
  INVALID_GRAPHQL: 'Fix the subgraph SDL so that it parses and validates.',
  KEY_FIELDS_SELECT_INVALID_TYPE: 'A @key may select only fields of object, scalar or enum types (no lists of interfaces, no arguments).',
  TYPE_KIND_MISMATCH: 'Declare the type with the same kind (type, interface, input, enum…) in every subgraph.',
  EMPTY_MERGED_ENUM_TYPE: 'Enums used as both input and output must have the same values in every subgraph.',
  ENUM_VALUE_MISMATCH: 'Enums used as both input and output must have the same values in every subgraph.',
  REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH: 'Declare the required argument in every subgraph that defines the field.',
  DIRECTIVE_DEFINITION_INVALID: 'Use the definition the linked spec expects (check the @link version).',
  UNKNOWN_FEDERATION_LINK_VERSION: 'Use a federation version this composition supports (≤ v2.11).',
};

const COORDINATE = /"([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)"/;
const TYPE_ONLY = /(?:type|interface|enum|input|union|scalar) "([A-Za-z_][A-Za-z0-9_]*)"/i;
const SUBGRAPH = /^\[([^\]]+)\]/;

/** Turns a composition GraphQLError into a located problem with a hint. */
export function toCompositionProblem(err: GraphQLError, codeOverride?: string): CompositionProblem {
  const code = codeOverride ?? (typeof err.extensions['code'] === 'string' ? err.extensions['code'] : 'COMPOSITION_ERROR');
  const coordinate = COORDINATE.exec(err.message);
  const typeOnly = TYPE_ONLY.exec(err.message);
  const node = err.nodes?.[0];
  const source = node?.loc?.source;
  const subgraph = SUBGRAPH.exec(err.message)?.[1] ?? (source !== undefined && source.name !== 'GraphQL request' ? source.name : undefined);
  let location: string | undefined;
  if (node?.loc !== undefined && source !== undefined) {
    const before = source.body.slice(0, node.loc.start).split('\n');
    location = `${source.name}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  } else if (err.source !== undefined && err.locations?.[0] !== undefined) {
    location = `${err.source.name}:${err.locations[0].line}:${err.locations[0].column}`;
  }
  const type = coordinate?.[1] ?? typeOnly?.[1];
  return {
    code,
    message: err.message,
    ...(subgraph !== undefined ? { subgraph } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(coordinate?.[2] !== undefined ? { field: coordinate[2] } : {}),
    ...(location !== undefined ? { location } : {}),
    hint: HINTS[code] ?? 'See https://www.apollographql.com/docs/graphos/reference/federation/errors for this code.',
  };
}

/** One block per problem, for terminals and CI logs. */
export function formatCompositionProblem(p: CompositionProblem): string {
  const where = [p.subgraph && `subgraph ${p.subgraph}`, p.type && `type ${p.type}`, p.field && `field ${p.field}`, p.location].filter(Boolean).join(', ');
  return `✗ ${p.code}${where ? ` (${where})` : ''}\n  ${p.message}\n  hint: ${p.hint}`;
}
