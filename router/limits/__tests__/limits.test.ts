import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../estimateCost.js';
import { measureOperation } from '../measureOperation.js';

const schema = buildSchema(`
type Query { users(first: Int): [User!]! user: User connection(first: Int = 20): UserConnection! }
type UserConnection { edges: [UserEdge!]! }
type UserEdge { node: User! }
type User { id: ID! friends(limit: Int): [User!]! name: String }
`);

function parts(query: string): [OperationDefinitionNode, Record<string, FragmentDefinitionNode>] {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return [op, fragments];
}

const OPTIONS = { defaultListSize: 10, listSizeArguments: ['first', 'limit'] };

describe('measureOperation', () => {
  it('counts depth, aliases and root fields through fragments', () => {
    const [op, fr] = parts('{ a: user { ...F } users { id } __typename } fragment F on User { friends { b: name } }');
    expect(measureOperation(op, fr)).toEqual({ depth: 3, aliases: 2, rootFields: 2 });
  });
});

describe('estimateCost', () => {
  it('multiplies nested lists by their size arguments or the default', () => {
    const [op, fr] = parts('{ users(first: 5) { id friends { id } } }');
    // users 1 + 5 × (id 1 + friends 1 + 10 × id 1) = 1 + 5 × 12
    expect(estimateCost(schema, op, fr, {}, OPTIONS)).toBe(61);
  });

  it('reads sizes from variables and connection defaults', () => {
    const [op, fr] = parts('query($n: Int) { users(first: $n) { friends(limit: $n) { id } } }');
    expect(estimateCost(schema, op, fr, { n: 2 }, OPTIONS)).toBe(1 + 2 * (1 + 2));
    const [c, cf] = parts('{ connection { edges { node { id } } } }');
    expect(estimateCost(schema, c, cf, {}, OPTIONS)).toBe(1 + 1 + 20 * 2);
  });
});
