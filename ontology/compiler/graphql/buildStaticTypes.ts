import type { TypeRegistry } from './TypeRegistry.js';
import type { FieldDef, TypeDef } from './sdlModel.js';

const f = (name: string, type: string, description?: string): FieldDef => (description === undefined ? { name, type } : { name, type, description });

const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

function comparisonFilter(name: string, scalar: string, ops: readonly string[]): TypeDef {
  return { kind: 'input', name, description: `Compares a ${scalar} value (TerminusDB GraphQL semantics).`, fields: ops.map((op) => f(op, scalar)) };
}

/** The scalar filters of TerminusDB's GraphQL (§11), by the scalar they filter. */
export const SCALAR_FILTERS: Readonly<Record<string, string>> = {
  String: 'StringFilter', Int: 'IntFilter', Float: 'FloatFilter', BigInt: 'BigIntFilter', BigFloat: 'BigFloatFilter',
  DateTime: 'DateTimeFilter', Boolean: 'BooleanFilter',
};

/** Adds the types every generated schema has: scalars, paging, refs, scalar filters, branch operations. */
export function buildStaticTypes(registry: TypeRegistry): void {
  const statics: TypeDef[] = [
    { kind: 'scalar', name: 'BigInt', description: 'Arbitrary-precision integer (xsd:integer and friends), as a JSON number or numeric string.' },
    { kind: 'scalar', name: 'BigFloat', description: 'Exact decimal (xsd:decimal), as a JSON number or numeric string.' },
    { kind: 'scalar', name: 'DateTime', description: 'UTC timestamp (xsd:dateTime), `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.' },
    { kind: 'scalar', name: 'JSON', description: 'Any JSON value (sys:JSON).' },
    {
      kind: 'object', name: 'PageInfo', directives: ['@shareable'], description: 'Relay page information.',
      fields: [f('endCursor', 'String'), f('hasNextPage', 'Boolean!'), f('hasPreviousPage', 'Boolean!'), f('startCursor', 'String')],
    },
    {
      kind: 'input', name: 'RefInput',
      description: 'Which version of the data to read: a branch head (default `main`), a commit, or a branch as it was at a time.',
      fields: [f('asOf', 'DateTime', 'Read the branch as of this time (its last commit at or before it).'),
        f('branch', 'String', 'Branch name; defaults to `main`.'), f('commit', 'String', 'Commit id; overrides `branch`.')],
    },
    { kind: 'enum', name: 'SortOrder', values: [{ name: 'ASC' }, { name: 'DESC' }] },
    {
      kind: 'input', name: 'StringFilter', description: 'Compares a String value (TerminusDB GraphQL semantics).',
      fields: [...COMPARISONS.map((op) => f(op, 'String')), f('regex', 'String'), f('startsWith', 'String'),
        f('allOfTerms', '[String!]', 'Matches when every term occurs.'), f('anyOfTerms', '[String!]', 'Matches when any term occurs.')],
    },
    comparisonFilter('IntFilter', 'Int', COMPARISONS),
    comparisonFilter('FloatFilter', 'Float', COMPARISONS),
    comparisonFilter('BigIntFilter', 'BigInt', COMPARISONS),
    comparisonFilter('BigFloatFilter', 'BigFloat', COMPARISONS),
    comparisonFilter('DateTimeFilter', 'DateTime', COMPARISONS),
    comparisonFilter('BooleanFilter', 'Boolean', ['eq', 'ne']),
    { kind: 'input', name: 'IdFilter', description: 'Matches a link by id.', fields: [f('_id', 'ID'), f('_ids', '[ID!]')] },
    ...branchTypes(),
  ];
  for (const def of statics) registry.add(def);
}

function branchTypes(): TypeDef[] {
  return [
    {
      kind: 'object', name: 'Branch', description: 'A branch of the database.',
      fields: [f('head', 'ID', 'Commit id of the branch head; null for an empty branch.'), f('headTime', 'DateTime', 'When the head commit was made.'), f('name', 'String!')],
    },
    { kind: 'object', name: 'BranchPayload', fields: [f('branch', 'Branch!')] },
    { kind: 'object', name: 'DeleteBranchPayload', fields: [f('deleted', 'Boolean!'), f('name', 'String!')] },
    {
      kind: 'enum', name: 'PromoteStatus',
      values: [{ name: 'CONFLICTED', description: 'Nothing was applied; see `conflicts`.' },
        { name: 'PROMOTED', description: 'The source changes were applied to the target as one commit.' },
        { name: 'UP_TO_DATE', description: 'The target already had every change of the source.' }],
    },
    {
      kind: 'enum', name: 'ConflictKind',
      values: [{ name: 'BOTH_CHANGED' }, { name: 'CREATED_IN_BOTH' }, { name: 'DELETED_IN_SOURCE' }, { name: 'DELETED_IN_TARGET' }],
    },
    {
      kind: 'object', name: 'DocumentConflict', description: 'A document changed on both branches since they diverged.',
      fields: [f('base', 'JSON', 'The document where the branches diverged.'), f('id', 'ID!'), f('kind', 'ConflictKind!'),
        f('paths', '[String!]!', 'Properties changed on both sides.'), f('source', 'JSON', 'The document on the source branch.'),
        f('target', 'JSON', 'The document on the target branch.'), f('type', 'String', 'TerminusDB class of the document.')],
    },
    {
      kind: 'object', name: 'PromoteBranchPayload', description: 'Result of promoting a branch: the commit, or the conflicts document by document.',
      fields: [f('changedIds', '[ID!]!'), f('commitId', 'ID'), f('conflicts', '[DocumentConflict!]!'), f('source', 'String!'),
        f('status', 'PromoteStatus!'), f('target', 'String!')],
    },
    {
      kind: 'object', name: 'CommitPayload', description: 'Result of a multi-document commit.',
      fields: [f('branch', 'String!'), f('commitId', 'ID!'), f('createdIds', '[ID!]!'), f('deletedIds', '[ID!]!'), f('updatedIds', '[ID!]!')],
    },
    {
      kind: 'object', name: 'DeletePayload',
      fields: [f('branch', 'String!'), f('commitId', 'ID!'), f('deletedIds', '[ID!]!')],
    },
  ];
}
