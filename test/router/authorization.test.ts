import { describe, expect, it } from 'vitest';
import { branchPolicy } from '../../router/index.js';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { serveSubgraph, type FixtureSubgraph } from './fixtures/serveSubgraph.js';
import { bearer, compose, IDENTITY_KEY, startRouter } from './fixtures/startRouter.js';

describe('@authenticated and @requiresScopes', () => {
  it('removes fields the caller lacks scopes for: null data and one error per removed path', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const { status, body } = await r.gql({ query: '{ users(first: 2) { id email } }' }, await bearer('bob', ['read']));
    expect(status).toBe(200);
    expect(body.data).toEqual({ users: [{ id: 'u1', email: null }, { id: 'u2', email: null }] });
    expect(body.errors).toEqual([{ message: 'Unauthorized field or type: User.email', path: ['users', '@', 'email'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate: 'User.email' } }]);
    expect(accounts.calls.at(-1)?.query).not.toContain('email');
  });

  it('serves the field to a caller with the scope', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const { body } = await r.gql({ query: '{ users(first: 1) { id email } }' }, await bearer('carol', ['read', 'pii:read']));
    expect(body).toEqual({ data: { users: [{ id: 'u1', email: 'user1@example.com' }] } });
  });

  it('removes @authenticated fields for anonymous callers and keeps the rest', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const { body } = await r.gql({ query: '{ me { id } users(first: 1) { name } }' });
    expect(body.data).toEqual({ me: null, users: [{ name: 'User 1' }] });
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['me'], 'UNAUTHORIZED_FIELD_OR_TYPE']]);
    const signedIn = await r.gql({ query: '{ me { id } }' }, await bearer('u3', []));
    expect(signedIn.body).toEqual({ data: { me: { id: 'u3' } } });
  });

  it('protects a type wherever it is returned, and needs every scope of an AND-set', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const { body } = await r.gql({ query: '{ audit { entries } }' }, await bearer('bob', ['pii:read']));
    expect(body.data).toEqual({ audit: null });
    expect(body.errors?.[0]?.extensions?.coordinate).toBe('Query.audit');
    // ssn is String! and needs pii:read AND admin: its null propagates to the user.
    const partial = await r.gql({ query: '{ user(id: "u1") { id ssn } }' }, await bearer('bob', ['pii:read']));
    expect(partial.body.data).toEqual({ user: null });
    const both = await r.gql({ query: '{ user(id: "u1") { ssn } }' }, await bearer('root', ['pii:read', 'admin']));
    expect(both.body).toEqual({ data: { user: { ssn: '000-00-0001' } } });
  });

  it('removes protected fields reached through fragments and other subgraphs', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts, catalog]));
    const query = 'query Q { products(first: 1) { upc owner { ...U } } } fragment U on User { name email }';
    const { body } = await r.gql({ query }, await bearer('bob', ['read']));
    expect(body.data).toEqual({ products: [{ upc: 'p1', owner: { name: 'User 1', email: null } }] });
    expect(body.errors?.[0]?.path).toEqual(['products', '@', 'owner', 'email']);
  });

  it('fills fields removed inside type conditions on interfaces and unions with null, on objects of that type only', async () => {
    await using directory = await startDirectory();
    await using r = await startRouter(compose([directory]));
    const query = '{ nodes { id ... on Person { email } } search { ... on Person { name email } ... on Place { name } } }';
    const { status, body } = await r.gql({ query }, await bearer('bob', ['read']));
    expect(status).toBe(200);
    expect(body.data).toEqual({ nodes: [{ id: 'p1', email: null }, { id: 'l1' }, { id: 'p2', email: null }], search: [{ name: 'Ann', email: null }, null, { name: 'Paris' }] });
    expect(body.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.['coordinate']])).toEqual([
      [['nodes', '@', 'email'], 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.email'],
      [['search', '@', 'email'], 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.email'],
    ]);
    expect(directory.calls.at(-1)?.query).not.toContain('email');
    // with the scope: the same query, answered in full, with nothing the filter would add
    const allowed = await r.gql({ query }, await bearer('carol', ['pii:read']));
    expect(allowed.body).toEqual({
      data: { nodes: [{ id: 'p1', email: 'ann@example.com' }, { id: 'l1' }, { id: 'p2', email: null }], search: [{ name: 'Ann', email: 'ann@example.com' }, null, { name: 'Paris' }] },
    });
    // a non-null field removed in a type condition: the null goes to matching items only
    const strict = await r.gql({ query: '{ search { ... on Person { id badge } ... on Place { id } } }' }, await bearer('bob', ['read']));
    expect(strict.body.data).toEqual({ search: [null, null, { id: 'l1' }] });
    expect(strict.body.errors?.map((e) => e.path)).toEqual([['search', '@', 'badge']]);
  });

  it('rejects the whole operation in reject mode', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]), { authorization: { mode: 'reject' } });
    const before = accounts.calls.length;
    const { body } = await r.gql({ query: '{ users(first: 1) { id email } }' }, await bearer('bob', ['read']));
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(accounts.calls.length).toBe(before);
  });
});

/** A subgraph with an interface and a union whose members carry protected fields. */
function startDirectory(): Promise<FixtureSubgraph> {
  const people = [
    { __typename: 'Person', id: 'p1', name: 'Ann', email: 'ann@example.com', badge: 'B1' },
    { __typename: 'Person', id: 'p2', name: 'Bo', email: null, badge: 'B2' },
  ];
  const place = { __typename: 'Place', id: 'l1', name: 'Paris' };
  return serveSubgraph({
    name: 'directory',
    identityKey: IDENTITY_KEY,
    typeDefs: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requiresScopes"])
type Query { nodes: [Node!]! search: [Hit] }
interface Node { id: ID! }
type Person implements Node { id: ID! name: String! email: String @requiresScopes(scopes: [["pii:read"]]) badge: String! @requiresScopes(scopes: [["admin"]]) }
type Place implements Node { id: ID! name: String! }
union Hit = Person | Place`,
    resolvers: {
      Query: { nodes: () => [people[0], place, people[1]], search: () => [people[0], null, place] },
      Node: { __resolveType: (n: { __typename: string }) => n.__typename },
      Hit: { __resolveType: (n: { __typename: string }) => n.__typename },
    },
  });
}

describe('Branch policy', () => {
  const policy = branchPolicy({
    branches: [
      { pattern: 'main', read: ['read'], write: ['write'] },
      { pattern: 'prod/*', read: ['read'], write: ['admin'] },
      { pattern: 'feature/*', read: [], write: ['write'] },
    ],
  });

  it('checks ref arguments on reads, with the default branch when absent', async () => {
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([catalog]), { branchPolicy: policy });
    const anon = await r.gql({ query: '{ products(first: 1) { upc } }' });
    expect(anon.status).toBe(403);
    expect(anon.body.errors?.[0]).toMatchObject({ message: 'branch policy: reading branch "main" needs one of the scopes [read]', extensions: { code: 'FORBIDDEN' } });
    const feature = await r.gql({ query: 'query($b: String) { products(first: 1, ref: { branch: $b }) { branch } }', variables: { b: 'feature/x' } });
    expect(feature.body).toEqual({ data: { products: [{ branch: 'feature/x' }] } });
    const unknown = await r.gql({ query: '{ products(ref: { branch: "tmp" }) { upc } }' }, await bearer('alice', ['read', 'write', 'admin']));
    expect(unknown.body.errors?.[0]?.message).toMatch(/"tmp" is not allowed by any rule/);
  });

  it('checks branch arguments of mutations as writes', async () => {
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([catalog]), { branchPolicy: policy });
    const writer = await bearer('alice', ['read', 'write']);
    const main = await r.gql({ query: 'mutation { createProduct(name: "x") { branch } }' }, writer);
    expect(main.body).toEqual({ data: { createProduct: { branch: 'main' } } });
    const prod = await r.gql({ query: 'mutation { createProduct(name: "x", branch: "prod/eu") { branch } }' }, writer);
    expect(prod.body.errors?.[0]?.message).toBe('branch policy: writing branch "prod/eu" needs one of the scopes [admin]');
    const admin = await r.gql({ query: 'mutation { createProduct(name: "x", branch: "prod/eu") { branch } }' }, await bearer('root', ['admin']));
    expect(admin.body.data).toEqual({ createProduct: { branch: 'prod/eu' } });
  });

  it('checks the name of branch mutations and their source ref', async () => {
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([catalog]), { branchPolicy: policy });
    const writer = await bearer('alice', ['read', 'write']);
    const denied = await r.gql({ query: 'mutation { createBranch(name: "prod/new") }' }, writer);
    expect(denied.body.errors?.[0]?.message).toMatch(/writing branch "prod\/new"/);
    const ok = await r.gql({ query: 'mutation { createBranch(name: "feature/a", from: { branch: "main" }) }' }, writer);
    expect(ok.body).toEqual({ data: { createBranch: 'feature/a' } });
    const noRead = await r.gql({ query: 'mutation { createBranch(name: "feature/b", from: { branch: "main" }) }' }, await bearer('w', ['write']));
    expect(noRead.body.errors?.[0]?.message).toMatch(/reading branch "main"/);
  });
});
