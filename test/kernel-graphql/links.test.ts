// Links, backlinks and path queries: ported from TerminusDB tests/test/graphql.js ('back-link
// query', 'back link to list', 'path query', 'path query backward and forward', 'queries
// reversable', 'filters from initial iterator with array', 'filters with an allHave').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, names, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
  await t.insert([
    { '@type': 'Source', name: '1', targets: ['Target/1', 'Target/2', 'Target/3'] },
    { '@type': 'Source', name: '2', targets: ['Target/1', 'Target/2', 'Target/3'] },
    { '@type': 'Target', name: '1' }, { '@type': 'Target', name: '2' }, { '@type': 'Target', name: '3' },
    { '@type': 'Node', 'prefix:string': 'Bar', 'prefix:node': { 'prefix:string': 'Baz' } },
  ]);
});
afterAll(() => t.close());

describe('GraphQL links', () => {
  it('follows link collections with their list arguments', async () => {
    const data = await t.data(`query { Person(id: "Person/Karl%20Popper") {
      cat { name } first: cat(limit: 1) { name } second: cat(offset: 1) { name }
      desc: cat(orderBy: {name: DESC}) { name } toots: cat(filter: {name: {eq: "Toots"}}) { name }
      byId: cat(id: "Cat/Toots") { name } byIds: cat(ids: ["Cat/Pickles"]) { name } } }`);
    expect(data.Person).toEqual([{
      cat: [{ name: 'Pickles' }, { name: 'Toots' }], first: [{ name: 'Pickles' }], second: [{ name: 'Toots' }],
      desc: [{ name: 'Toots' }, { name: 'Pickles' }], toots: [{ name: 'Toots' }], byId: [{ name: 'Toots' }], byIds: [{ name: 'Pickles' }],
    }]);
  });

  it('answers back-link queries in document order', async () => {
    const data = await t.data('query { Person(orderBy: {order: ASC}) { name age order _friend_of_Person { name } } }');
    expect(data.Person).toEqual([
      { name: 'Socrates', age: 71, order: 1, _friend_of_Person: [] },
      { name: 'Plato', age: 80, order: 2, _friend_of_Person: [{ name: 'Aristotle' }, { name: 'Socrates' }] },
      { name: 'Aristotle', age: 61, order: 3, _friend_of_Person: [{ name: 'Plato' }] },
      { name: 'Immanuel Kant', age: 79, order: 3, _friend_of_Person: [{ name: 'Immanuel Kant' }, { name: 'Kurt Gödel' }] },
      { name: 'Karl Popper', age: 92, order: 5, _friend_of_Person: [] },
      { name: 'Kurt Gödel', age: 71, order: 5, _friend_of_Person: [] },
    ]);
  });

  it('takes list arguments on back links (also to a List property)', async () => {
    const data = await t.data('query { Target { name _targets_of_Source(orderBy: {name: DESC}) { name } } }');
    expect(data.Target).toEqual([
      { name: '1', _targets_of_Source: [{ name: '2' }, { name: '1' }] },
      { name: '2', _targets_of_Source: [{ name: '2' }, { name: '1' }] },
      { name: '3', _targets_of_Source: [{ name: '2' }, { name: '1' }] },
    ]);
    const cats = await t.data('query { Cat(orderBy: {name: ASC}) { name _cat_of_Person(filter: {order: {eq: "5"}}, limit: 1) { name } } }');
    expect(cats.Cat).toEqual([
      { name: 'Pickles', _cat_of_Person: [{ name: 'Karl Popper' }] },
      { name: 'Toots', _cat_of_Person: [{ name: 'Karl Popper' }] },
    ]);
  });

  it('filters on a link and reverses a prefixed single link', async () => {
    const data = await t.data('query { Node(filter: {prefix_string: {eq: "Baz"}}) { prefix_string _prefix_node_of_Node { prefix_string } } }');
    expect(data.Node).toEqual([{ prefix_string: 'Baz', _prefix_node_of_Node: [{ prefix_string: 'Bar' }] }]);
    const via = await t.data('query { Node(filter: {prefix_node: {prefix_string: {eq: "Baz"}}}) { prefix_string prefix_node { prefix_string } } }');
    expect(via.Node).toEqual([{ prefix_string: 'Bar', prefix_node: { prefix_string: 'Baz' } }]);
  });

  it('filters through link collections with someHave and allHave', async () => {
    await t.insert([
      { '@id': 'SourceArray/1', name: '1', target_array: [{ '@id': 'TargetArray/11', name: '11' }, { '@id': 'TargetArray/12', name: '12' }] },
      { '@id': 'SourceArray/2', name: '2', target_array: [{ '@id': 'TargetArray/21', name: '21' }, { '@id': 'TargetArray/22', name: '22' }] },
      { '@id': 'SourceArray/all1', name: 'all1', target_array: [{ '@id': 'TargetArray/all23', name: 'all23' }, { '@id': 'TargetArray/all12', name: 'all12' }] },
      { '@id': 'SourceArray/all2', name: 'all2', target_array: [{ '@id': 'TargetArray/all21', name: 'all21' }, { '@id': 'TargetArray/all22', name: 'all22' }] },
    ]);
    const some = await t.data('query { SourceArray(filter: {target_array: {someHave: {name: {eq: "22"}}}}) { _id name } }', undefined, { compressIds: false });
    expect(some.SourceArray).toEqual([{ _id: 'terminusdb:///data/SourceArray/2', name: '2' }]);
    const all = await t.data('query { SourceArray(filter: {target_array: {allHave: {name: {startsWith: "all2"}}}}) { _id name } }', undefined, { compressIds: false });
    expect(all.SourceArray).toEqual([{ _id: 'terminusdb:///data/SourceArray/all2', name: 'all2' }]);
    const friends = await t.data('query { Person(filter: {friend: {someHave: {name: {eq: "Plato"}}}}) { name } }');
    expect(names(friends.Person)).toEqual(['Aristotle', 'Socrates']);
  });

  it('answers path queries (forward, backward, repetition, choice)', async () => {
    const a = await t.data('query { Person(id: "terminusdb:///data/Person/Socrates", orderBy: {order: ASC}) { _id name _path_to_Person(path: "friend+") { name } } }', undefined, { compressIds: false });
    expect(a.Person[0]._id).toBe('terminusdb:///data/Person/Socrates');
    expect(a.Person[0]._path_to_Person).toEqual([{ name: 'Plato' }, { name: 'Aristotle' }]);
    const b = await t.data('query { Person(id: "terminusdb:///data/Person/Immanuel%20Kant") { _path_to_Cat(path: "(<friend)*,cat") { name } } }');
    expect(b.Person[0]._path_to_Cat).toEqual([{ name: 'Toots' }, { name: 'Pickles' }]);
    const c = await t.data('query { Person(id: "Person/Plato") { _path_to_Person(path: "<friend") { name } } }');
    expect(names(c.Person[0]._path_to_Person)).toEqual(['Aristotle', 'Socrates']);
    const d = await t.data('query { Person(id: "Person/Kurt%20G%C3%B6del") { _path_to_Cat(path: "friend,(cat|friend,cat)") { name } } }');
    expect(names(d.Person[0]._path_to_Cat)).toEqual(['Toots']);
    const e = await t.data('query { Person(id: "Person/Socrates") { _path_to_Person(path: "friend,friend", filter: {name: {ne: "Socrates"}}) { name } } }');
    expect(names(e.Person[0]._path_to_Person)).toEqual(['Aristotle']);
  });
});
