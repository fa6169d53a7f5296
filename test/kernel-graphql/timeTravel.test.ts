// Branch and commit paths: `/api/graphql/{org}/{db}/local/branch/{b}` and `/local/commit/{id}`
// read that version (schema and data), as every TerminusDB read endpoint does (§7.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, names, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
let first: string;
beforeAll(async () => {
  t = await graphqlDatabase();
  first = await t.db.head();
  await t.insert([{ '@type': 'Cat', name: 'Later' }]);
  await t.target.request('DELETE', `/api/document/${t.db.path}`, { query: { id: 'Person/Plato', author: 'a', message: 'm' } });
});
afterAll(() => t.close());

describe('GraphQL time travel', () => {
  it('reads the branch head by default and by branch path, GET and POST', async () => {
    const q = 'query { Cat { name } _count(Person: {}) }';
    const expected = { Cat: [{ name: 'Pickles' }, { name: 'Toots' }, { name: 'Later' }], _count: 5 };
    expect(await t.data(q)).toEqual(expected);
    expect(await t.data(q, undefined, { ref: '/local/branch/main' })).toEqual(expected);
    expect(await t.data(q, undefined, { ref: '/local/branch/main', method: 'GET' })).toEqual(expected);
  });

  it('reads an old commit as it was: documents, filters, counts and backlinks', async () => {
    const ref = `/local/commit/${first}`;
    const data = await t.data(`query {
      Cat { name } _count(Person: {order: {ge: "2"}})
      Person(filter: {name: {eq: "Aristotle"}}) { name _friend_of_Person { name } } }`, undefined, { ref });
    expect(data).toEqual({
      Cat: [{ name: 'Pickles' }, { name: 'Toots' }],
      _count: 5,
      Person: [{ name: 'Aristotle', _friend_of_Person: [{ name: 'Plato' }] }],
    });
    const now = await t.data('query { _count(Person: {order: {ge: "2"}}) Person(filter: {name: {eq: "Aristotle"}}) { _friend_of_Person { name } } }');
    expect(now).toEqual({ _count: 4, Person: [{ _friend_of_Person: [] }] });
  });

  it('reads another branch', async () => {
    const res = await t.target.request('POST', `/api/branch/${t.db.path}/local/branch/dev`, { json: { origin: `${t.db.path}/local/commit/${first}` } });
    expect(res.status).toBe(200);
    const data = await t.data('query { Person(orderBy: {name: ASC}, limit: 5) { name } }', undefined, { ref: '/local/branch/dev' });
    expect(names(data.Person)).toEqual(['Aristotle', 'Immanuel Kant', 'Karl Popper', 'Kurt Gödel', 'Plato']);
  });

  it('answers 404 for an unknown commit or branch', async () => {
    const commit = await t.gql('query { Cat { name } }', undefined, { ref: '/local/commit/nosuchcommit000000000000000000' });
    expect(commit.status).toBe(404);
    const branch = await t.gql('query { Cat { name } }', undefined, { ref: '/local/branch/nosuchbranch' });
    expect(branch.status).toBe(404);
  });
});
