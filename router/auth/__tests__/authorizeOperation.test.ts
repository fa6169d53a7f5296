import { buildSchema, Kind, parse, print, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { readAuthDirectives } from '../authDirectives.js';
import { AUTHZ_TYPENAME, authorizeOperation, fillRemovedNulls } from '../authorizeOperation.js';

const SDL = `
directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
type Query { me: User @authenticated users: [User!]! node: Node nodes: [Node!]! members: [Member] }
interface Node { id: ID! }
type Team implements Node { id: ID! name: String }
union Member = User | Team
type User implements Node { id: ID! name: String email: String @requiresScopes(scopes: [["pii:read"], ["admin"]]) secret: Secret! }
type Secret @requiresScopes(scopes: [["admin"]]) { value: String }
`;
const schema = buildSchema(SDL);
const directives = readAuthDirectives(SDL);

function run(query: string, authenticated: boolean, scopes: string[] = []) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return authorizeOperation(schema, op, fragments, directives, { authenticated, scopes: new Set(scopes) });
}

describe('authorizeOperation', () => {
  it('reads both directives with OR-of-AND scopes', () => {
    expect(directives.fields.get('User.email')).toEqual({ authenticated: false, scopes: [['pii:read'], ['admin']] });
    expect(directives.types.get('Secret')).toEqual({ authenticated: false, scopes: [['admin']] });
    expect(directives.fields.get('Query.me')).toEqual({ authenticated: true });
  });

  it('keeps the document untouched when everything is allowed', () => {
    const out = run('{ users { id email } }', true, ['admin']);
    expect(out.removed).toEqual([]);
  });

  it('removes denied fields and reports list paths with @', () => {
    const out = run('{ users { id email } }', true, ['read']);
    expect(print(out.document)).toBe('{\n  users {\n    id\n  }\n}');
    expect(out.removed).toEqual([{ path: ['users', '@', 'email'], coordinate: 'User.email', nullAt: ['users', '@', 'email'] }]);
  });

  it('propagates the null of a non-null field to the nearest nullable place', () => {
    const out = run('{ users { id secret { value } } }', true, []);
    // secret: Secret! inside [User!]! inside a non-null root field: the whole data becomes null.
    expect(out.removed[0]?.nullAt).toBeNull();
    expect(fillRemovedNulls({ users: [] }, out.removed)).toBeNull();
    const me = run('{ me { secret { value } name } }', true, []);
    expect(me.removed[0]?.nullAt).toEqual(['me']);
  });

  it('inlines fragments and removes a field whose selection became empty', () => {
    const out = run('query { me { ...F } } fragment F on User { email }', false);
    expect(out.empty).toBe(true);
    expect(out.removed.map((r) => r.coordinate)).toEqual(['Query.me']);
    const partial = run('query { users { ...F } } fragment F on User { id email }', true, []);
    expect(print(partial.document)).toContain('... on User');
    expect(fillRemovedNulls({ users: [{ id: '1' }, { id: '2' }] }, partial.removed)).toEqual({ users: [{ id: '1', email: null }, { id: '2', email: null }] });
  });

  it('fills fields removed inside a type condition that narrows an interface only on objects of that type', () => {
    const out = run('{ node { id ... on User { email } } }', true, []);
    expect(out.removed).toEqual([{ path: ['node', 'email'], coordinate: 'User.email', nullAt: ['node', 'email'], when: [{ depth: 1, types: ['User'] }] }]);
    expect(print(out.document)).toContain(`${AUTHZ_TYPENAME}: __typename`);
    expect(fillRemovedNulls({ node: { id: '1', [AUTHZ_TYPENAME]: 'User' } }, out.removed)).toEqual({ node: { id: '1', email: null } });
    expect(fillRemovedNulls({ node: { id: '2', [AUTHZ_TYPENAME]: 'Team' } }, out.removed)).toEqual({ node: { id: '2' } });
    expect(fillRemovedNulls({ node: null }, out.removed)).toEqual({ node: null });
  });

  it('fills per list item and through unions, fragments and nested conditions', () => {
    const list = run('{ nodes { id ... on User { name email } } }', true, []);
    const data = { nodes: [{ id: '1', name: 'a', [AUTHZ_TYPENAME]: 'User' }, { id: '2', [AUTHZ_TYPENAME]: 'Team' }] };
    expect(fillRemovedNulls(data, list.removed)).toEqual({ nodes: [{ id: '1', name: 'a', email: null }, { id: '2' }] });

    const union = run('query { members { ...M } } fragment M on Member { ... on Team { name } ... on User { email } }', true, []);
    expect(union.removed[0]?.when).toEqual([{ depth: 2, types: ['User'] }]);
    const members = { members: [{ [AUTHZ_TYPENAME]: 'User' }, null, { name: 't', [AUTHZ_TYPENAME]: 'Team' }] };
    expect(fillRemovedNulls(members, union.removed)).toEqual({ members: [{ email: null }, null, { name: 't' }] });

    const nested = run('{ members { ... on Node { id ... on User { email } } } }', true, []);
    expect(nested.removed[0]?.when).toEqual([
      { depth: 2, types: ['Team', 'User'] },
      { depth: 2, types: ['User'] },
    ]);
    expect(fillRemovedNulls({ members: [{ id: 'u', [AUTHZ_TYPENAME]: 'User' }, { id: 't', [AUTHZ_TYPENAME]: 'Team' }] }, nested.removed)).toEqual({
      members: [{ id: 'u', email: null }, { id: 't' }],
    });
  });

  it('propagates the null of a non-null field removed in a type condition only from matching objects', () => {
    // User.secret is Secret! (admin only): a User in [Node!]! makes the whole non-null list null, then data.
    const out = run('{ nodes { id ... on User { secret { value } } } }', true, []);
    expect(out.removed[0]).toMatchObject({ nullAt: null, when: [{ depth: 2, types: ['User'] }] });
    expect(fillRemovedNulls({ nodes: [{ id: 't', [AUTHZ_TYPENAME]: 'Team' }] }, out.removed)).toEqual({ nodes: [{ id: 't' }] });
    expect(fillRemovedNulls({ nodes: [{ id: 't', [AUTHZ_TYPENAME]: 'Team' }, { id: 'u', [AUTHZ_TYPENAME]: 'User' }] }, out.removed)).toBeNull();
    // in a nullable list of nullable members, only the matching item becomes null
    const members = run('{ members { ... on User { id secret { value } } ... on Team { id } } }', true, []);
    expect(fillRemovedNulls({ members: [{ id: 'u', [AUTHZ_TYPENAME]: 'User' }, { id: 't', [AUTHZ_TYPENAME]: 'Team' }] }, members.removed)).toEqual({ members: [null, { id: 't' }] });
  });
});
