import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { splitDocument, type ClientOperation } from '../operations/ClientOperation.js';
import { operationUsage } from '../operations/operationUsage.js';

const schema = buildSchema(`
  directive @tag(name: String) on FIELD
  enum Status { ACTIVE ARCHIVED }
  input Filter { status: Status, name: String, nested: Nested }
  input Nested { deep: Int }
  interface Node { id: ID! }
  type Item implements Node { id: ID! name: String status: Status }
  type Query { items(filter: Filter, first: Int): [Item!]! node(id: ID!): Node }
`);

function op(text: string): ClientOperation {
  const { operations, fragments } = splitDocument(parse(text));
  const operation = operations[0] as OperationDefinitionNode;
  return { name: operation.name?.value ?? null, type: operation.operation, source: { kind: 'file', file: 'x.graphql' }, operation, fragments, recordedFields: [] };
}

describe('operationUsage', () => {
  it('collects fields, arguments, input fields and enum literals', () => {
    const usage = operationUsage(schema, op('query Q { items(first: 2, filter: { status: ACTIVE }) { id name @tag(name: "x") } }'));
    expect([...usage.uses].sort()).toEqual(
      ['@tag', '@tag.name', 'Filter', 'Filter.status', 'ID', 'Int', 'Item', 'Item.id', 'Item.name', 'Query', 'Query.items', 'Query.items.filter', 'Query.items.first', 'Status', 'Status.ACTIVE', 'String'].sort(),
    );
    expect(usage.mayUse.size).toBe(0);
  });

  it('follows fragments and type conditions', () => {
    const usage = operationUsage(schema, op('query Q { node(id: "1") { ...F } } fragment F on Node { id ... on Item { status } }'));
    expect(usage.uses).toContain('Node.id');
    expect(usage.uses).toContain('Item.status');
    expect(usage.uses).toContain('Item');
  });

  it('puts what only a variable can carry in mayUse', () => {
    const usage = operationUsage(schema, op('query Q($f: Filter) { items(filter: $f) { id } }'));
    expect(usage.uses).toContain('Filter');
    expect([...usage.mayUse].sort()).toEqual(['Filter.name', 'Filter.nested', 'Filter.status', 'Int', 'Nested', 'Nested.deep', 'Status', 'Status.ACTIVE', 'Status.ARCHIVED', 'String'].sort());
  });

  it('adds the fields the router recorded', () => {
    const usage = operationUsage(schema, { ...op('{ items { id } }'), operation: null, recordedFields: ['Item.name'] });
    expect([...usage.uses]).toEqual(['Item.name', 'Item']);
  });
});
