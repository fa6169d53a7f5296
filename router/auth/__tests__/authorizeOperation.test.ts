import { buildSchema, Kind, parse, print, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { readAuthDirectives } from '../authDirectives.js';
import { authorizeOperation, fillRemovedNulls } from '../authorizeOperation.js';

const SDL = `
directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
type Query { me: User @authenticated users: [User!]! node: Node }
interface Node { id: ID! }
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

  it('reports but does not fill fields removed inside a narrowing type condition', () => {
    const out = run('{ node { id ... on User { email } } }', true, []);
    expect(out.removed).toEqual([{ path: ['node', 'email'], coordinate: 'User.email' }]);
  });
});
