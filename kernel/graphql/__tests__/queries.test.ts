import { beforeAll, describe, expect, it } from 'vitest';
import { INSTANCES, SCHEMA } from './fixtures.js';
import { testDb, type TestDb } from './harness.js';

describe('GraphQL class queries', () => {
  let t: TestDb;
  beforeAll(() => {
    t = testDb(SCHEMA, INSTANCES);
  });

  it('lists documents of a class in document order', async () => {
    const r = await t.gql('query { Person { name age order } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.Person).toEqual([
      { name: 'Aristotle', age: 61, order: 3 },
      { name: 'Immanuel Kant', age: 79, order: 3 },
      { name: 'Karl Popper', age: 92, order: 5 },
      { name: 'Kurt Gödel', age: 71, order: 5 },
      { name: 'Plato', age: 80, order: 2 },
      { name: 'Socrates', age: 71, order: 1 },
    ]);
  });

  it('filters and orders', async () => {
    const r = await t.gql('query { Person(filter: {name: {ge: "K"}, age: {ge: "30"}}, orderBy: {order: ASC}) { name order } }');
    expect(r.data.Person).toEqual([
      { name: 'Socrates', order: 1 },
      { name: 'Plato', order: 2 },
      { name: 'Karl Popper', order: 5 },
      { name: 'Kurt Gödel', order: 5 },
    ]);
  });

  it('orders numbers numerically and by several fields in query order', async () => {
    const r = await t.gql('query { Integer(orderBy: {int: ASC}) { int } }');
    expect(r.data.Integer).toEqual([{ int: 1 }, { int: 2 }, { int: 11 }, { int: 100 }]);
    const s = await t.gql('query { Person(orderBy: {order: DESC, name: ASC}) { name } }');
    expect(s.data.Person.map((p: { name: string }) => p.name)).toEqual([
      'Karl Popper', 'Kurt Gödel', 'Aristotle', 'Immanuel Kant', 'Plato', 'Socrates',
    ]);
    const u = await t.gql('query { Person(orderBy: {name: ASC, order: DESC}, limit: 2) { name } }');
    expect(u.data.Person).toEqual([{ name: 'Aristotle' }, { name: 'Immanuel Kant' }]);
  });

  it('applies ne, le, regex, startsWith and term filters', async () => {
    const names = async (filter: string): Promise<string[]> =>
      (await t.gql(`query { Person(filter: ${filter}) { name } }`)).data.Person.map((p: { name: string }) => p.name);
    expect(await names('{name: {ne: "Socrates"}}')).toHaveLength(5);
    expect(await names('{name: {le: "Immanuel Kant"}}')).toEqual(['Aristotle', 'Immanuel Kant']);
    expect(await names('{name: {regex: "^K.*r$"}}')).toEqual(['Karl Popper']);
    expect(await names('{name: {startsWith: "Ku"}}')).toEqual(['Kurt Gödel']);
    expect(await names('{name: {allOfTerms: ["Karl", "Popper"]}}')).toEqual(['Karl Popper']);
    expect(await names('{name: {anyOfTerms: ["Plato", "Socrates"]}}')).toEqual(['Plato', 'Socrates']);
    expect(await names('{_or: [{name: {eq: "Plato"}}, {order: {eq: "1"}}]}')).toEqual(['Plato', 'Socrates']);
    expect(await names('{_not: {age: {lt: "80"}}}')).toEqual(['Karl Popper', 'Plato']);
    expect(await names('{_and: [{age: {gt: "70"}}, {age: {lt: "75"}}]}')).toEqual(['Kurt Gödel', 'Socrates']);
    expect(await names('{_id: "Person/Plato"}')).toEqual(['Plato']);
    expect(await names('{_ids: ["terminusdb:///data/Person/Plato", "Person/Socrates"]}')).toEqual(['Plato', 'Socrates']);
  });

  it('filters through links with someHave and allHave', async () => {
    const names = async (filter: string): Promise<string[]> =>
      (await t.gql(`query { Person(filter: ${filter}) { name } }`)).data.Person.map((p: { name: string }) => p.name);
    expect(await names('{friend: {someHave: {name: {eq: "Plato"}}}}')).toEqual(['Aristotle', 'Socrates']);
    expect(await names('{cat: {allHave: {name: {startsWith: "T"}}}, friend: {someHave: {name: {startsWith: "I"}}}}')).toEqual(['Immanuel Kant']);
  });

  it('follows links and backlinks with list arguments', async () => {
    const r = await t.gql('query { Person(orderBy: {order: ASC}, limit: 3) { name friend { name } _friend_of_Person(orderBy: {name: DESC}) { name } } }');
    expect(r.data.Person).toEqual([
      { name: 'Socrates', friend: [{ name: 'Plato' }], _friend_of_Person: [] },
      { name: 'Plato', friend: [{ name: 'Aristotle' }], _friend_of_Person: [{ name: 'Socrates' }, { name: 'Aristotle' }] },
      { name: 'Aristotle', friend: [{ name: 'Plato' }], _friend_of_Person: [{ name: 'Plato' }] },
    ]);
  });

  it('answers path queries forward and backward', async () => {
    const r = await t.gql('query { Person(id: "terminusdb:///data/Person/Socrates") { _path_to_Person(path: "friend+") { name } } }');
    expect(r.data.Person[0]._path_to_Person).toEqual([{ name: 'Plato' }, { name: 'Aristotle' }]);
    const s = await t.gql('query { Person(id: "Person/Immanuel%20Kant") { _path_to_Cat(path: "(<friend)*,cat") { name } } }');
    expect(s.data.Person[0]._path_to_Cat).toEqual([{ name: 'Toots' }, { name: 'Pickles' }]);
  });

  it('selects by ids in the given order', async () => {
    const r = await t.gql('query { Person(ids: ["terminusdb:///data/Person/Immanuel%20Kant", "terminusdb:///data/Person/Socrates"]) { name } }');
    expect(r.data.Person).toEqual([{ name: 'Immanuel Kant' }, { name: 'Socrates' }]);
  });

  it('returns _id, _type and _json', async () => {
    const r = await t.gql('query { Cat(limit: 1) { _id _type _json } }');
    expect(r.data.Cat[0]._id).toBe('terminusdb:///data/Cat/Pickles');
    expect(r.data.Cat[0]._type).toBe('Cat');
    expect(JSON.parse(r.data.Cat[0]._json)).toEqual({ '@id': 'Cat/Pickles', '@type': 'Cat', name: 'Pickles' });
    const c = await t.gql('query { Cat(limit: 1) { _id } }', {}, { compressIds: true });
    expect(c.data.Cat[0]._id).toBe('Cat/Pickles');
  });

  it('counts and gets documents', async () => {
    const r = await t.gql('query { all: _count(Person: {}) some: _count(Person: {age: {gt: "75"}}) }');
    expect(r.data).toEqual({ all: 6, some: 3 });
    const d = await t.gql('query { _getDocument(id: "Cat/Toots") }');
    expect(JSON.parse(d.data._getDocument)).toEqual({ '@id': 'Cat/Toots', '@type': 'Cat', name: 'Toots' });
  });

  it('filters and formats dateTime values', async () => {
    const r = await t.gql('query { DateAndTime(filter: {datetime: {le: "2021-03-05T23:34:43.0003Z"}}) { datetime } }');
    expect(r.data.DateAndTime).toEqual([{ datetime: '2021-03-05T23:34:43.000300Z' }]);
  });

  it('includes subclasses unless include_children is false', async () => {
    t.write([{ kind: 'insert', graph: 'instance', docs: [{ '@type': 'Child', name: 'Joe', number: 3 }, { '@type': 'Child', name: 'Jim', number: 5 }, { '@type': 'Parent', name: 'Dad' }] }]);
    const r = await t.gql('query { Parent(orderBy: {name: ASC}) { _type name } }');
    expect(r.data.Parent).toEqual([{ _type: 'Parent', name: 'Dad' }, { _type: 'Child', name: 'Jim' }, { _type: 'Child', name: 'Joe' }]);
    const s = await t.gql('query { Parent(include_children: false) { name } }');
    expect(s.data.Parent).toEqual([{ name: 'Dad' }]);
  });

  it('renders enums, JSON, oneOf and sanitised names', async () => {
    t.write([{ kind: 'insert', graph: 'instance', docs: [
      { '@type': 'MaybeRocks', rocks_opt: 'Big' },
      { '@type': 'RockSet', rocks: ['Big', 'Small'] },
      { '@type': 'JSONClass', json: { this: { is: { a: { json: [] } } } } },
      { '@type': 'OneOf', '@id': 'OneOf/1', a: 'a' },
      { '@type': 'BadlyNamedOptional', 'is-it-ok': 'something' },
    ] }]);
    const r = await t.gql('query { MaybeRocks { rocks_opt } RockSet { rocks } JSONClass { json } OneOf { a b } BadlyNamedOptional { is_it_ok } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.MaybeRocks).toEqual([{ rocks_opt: 'Big' }]);
    expect(r.data.RockSet[0].rocks).toEqual(expect.arrayContaining(['Big', 'Small']));
    expect(r.data.JSONClass).toEqual([{ json: '{"this":{"is":{"a":{"json":[]}}}}' }]);
    expect(r.data.OneOf).toEqual([{ a: 'a', b: null }]);
    expect(r.data.BadlyNamedOptional).toEqual([{ is_it_ok: 'something' }]);
    const f = await t.gql('query { RockSet(filter: {rocks: {someHave: {eq: Small}}}) { rocks } MaybeRocks(filter: {rocks_opt: {ne: Big}}) { rocks_opt } }');
    expect(f.data.RockSet).toHaveLength(1);
    expect(f.data.MaybeRocks).toEqual([]);
  });

  it('filters lists with someHave and allHave', async () => {
    t.write([{ kind: 'insert', graph: 'instance', docs: [
      { '@id': 'SourceArray/1', '@type': 'SourceArray', name: '1', target_array: [{ '@id': 'TargetArray/11', '@type': 'TargetArray', name: '11' }, { '@id': 'TargetArray/12', '@type': 'TargetArray', name: '12' }] },
      { '@id': 'SourceArray/2', '@type': 'SourceArray', name: '2', target_array: [{ '@id': 'TargetArray/21', '@type': 'TargetArray', name: '21' }, { '@id': 'TargetArray/22', '@type': 'TargetArray', name: '22' }] },
    ] }]);
    const r = await t.gql('query { SourceArray(filter: {target_array: {someHave: {name: {eq: "22"}}}}) { _id } }');
    expect(r.data.SourceArray).toEqual([{ _id: 'terminusdb:///data/SourceArray/2' }]);
    const s = await t.gql('query { SourceArray(filter: {target_array: {allHave: {name: {startsWith: "1"}}}}) { name } }');
    expect(s.data.SourceArray).toEqual([{ name: '1' }]);
    const b = await t.gql('query { TargetArray(filter: {name: {eq: "21"}}) { _target_array_of_SourceArray { name } } }');
    expect(b.data.TargetArray).toEqual([{ _target_array_of_SourceArray: [{ name: '2' }] }]);
  });
});
