import { buildSchema, Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import type { BusMessage, CommitEvent } from '../../../lib/index.js';
import { eventValues } from '../eventValue.js';
import type { EventStreamField } from '../eventStreams.js';
import { lookupQuery } from '../lookupQuery.js';
import { documentLookupRoot } from '../resolveEvent.js';

function message(changes: CommitEvent['changes'], truncated = false): BusMessage {
  const data: CommitEvent = { version: 1, kind: 'commit', db: 'd', branch: 'main', commit: 'c2', parent: 'c1', author: 'a', message: 'm', trailers: {}, traceId: null, userSid: null, timestamp: '2026-01-01T00:00:00Z', changes, changeCount: changes.length, truncated };
  return { subject: 'commits.d.main', seq: 7, msgId: 'c2', time: 0, data };
}

const commits: EventStreamField = { field: 'commitAdded', subject: 'commits.{db}.{branch}', lookup: 'commit', each: undefined };
const documents: EventStreamField = { ...commits, field: 'documentChanged', each: 'changes' };
const changes: CommitEvent['changes'] = [
  { id: 'Tag/a', type: 'Tag', op: 'updated' },
  { id: 'Person/b', type: 'Person', op: 'deleted' },
];

describe('eventValues', () => {
  it('maps a commit event to one envelope (cursor, upper-cased enums, the commit to read documents at)', () => {
    const [v, ...rest] = eventValues(message(changes), commits, { branch: 'main' }, false);
    expect(rest).toEqual([]);
    expect(v?.lookupId).toBe('c2');
    expect(v?.commit).toBe('c2');
    expect(v?.value).toMatchObject({ cursor: '7', kind: 'COMMIT', commitId: 'c2', parentId: 'c1', changes: [{ id: 'Tag/a', op: 'UPDATED' }, { id: 'Person/b', op: 'DELETED' }], missedEvents: false });
  });

  it('keeps commit events changing one of `types` (and truncated ones)', () => {
    expect(eventValues(message(changes), commits, { types: ['Team'] }, false)).toEqual([]);
    expect(eventValues(message(changes), commits, { types: ['Person'] }, false)).toHaveLength(1);
    expect(eventValues(message(changes, true), commits, { types: ['Team'] }, false)).toHaveLength(1);
  });

  it('with `each`, yields the matching element merged into the envelope, or nothing', () => {
    const [v, ...rest] = eventValues(message(changes), documents, { type: 'Person', id: 'Person/b', branch: 'main' }, true);
    expect(rest).toEqual([]);
    expect(v?.value).toMatchObject({ id: 'Person/b', type: 'Person', op: 'DELETED', commitId: 'c2', cursor: '7', missedEvents: true });
    expect(eventValues(message(changes), documents, { type: 'Tag', id: 'Person/b' }, false)).toEqual([]);
    expect(eventValues(message(changes), documents, { type: 'Tag', id: 'Tag/zz' }, false)).toEqual([]);
  });
});

describe('document lookups', () => {
  const schema = buildSchema(`
    input RefInput { branch: String commit: String }
    union Doc = Tag | Person
    type Tag { id: ID! name: String }
    type Person { id: ID! fullName: String }
    type Query { tag(id: ID!, ref: RefInput): Tag tags(first: Int): [Tag!]! person(id: ID!): Person }
  `);

  it('finds the Query field returning the type by id, reading at a commit when it takes `ref`', () => {
    expect(documentLookupRoot(schema, 'Tag')).toEqual({ field: 'tag', atCommit: true });
    expect(documentLookupRoot(schema, 'Person')).toEqual({ field: 'person', atCommit: false });
    expect(documentLookupRoot(schema, 'Doc')).toBeUndefined();
  });

  it("narrows the subscriber's selection to the looked-up type", () => {
    const doc = parse('subscription($n: Int) { e { document { __typename ... on Tag { name } ... on Person { fullName } ...P } } } fragment P on Person { id }');
    const operation = doc.definitions[0] as OperationDefinitionNode;
    const fragments = { P: doc.definitions[1] as FragmentDefinitionNode };
    const e = operation.selectionSet.selections[0] as FieldNode;
    const document = e.selectionSet?.selections[0] as FieldNode;
    expect(document.kind).toBe(Kind.FIELD);
    const query = lookupQuery({ field: 'tag', atCommit: true, fits: (t) => t === 'Tag' }, 'document', [document], fragments, operation);
    expect(query.replace(/\s+/g, ' ')).toBe('query EventLookup($_eventStreamId: ID!, $_eventStreamCommit: String!) { document: tag(id: $_eventStreamId, ref: {commit: $_eventStreamCommit}) { __typename ... on Tag { __typename name } } }');
  });
});
