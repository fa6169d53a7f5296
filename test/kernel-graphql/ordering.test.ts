// Selection and ordering: orderBy on several fields, limit/offset, id/ids, include_children with
// concrete and abstract superclasses, subdocument classes. Ported from TerminusDB
// tests/test/graphql.js ('graphql ids query', 'graphql subsumption', 'graphql no subsumption',
// 'order by stringy num', 'order BigFloat'); abstract and subdocument cases follow schema.rs
// (every class, abstract or subdocument, has a root field answered from its type index).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, names, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
let u: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
  await t.insert([{ '@type': 'Child', name: 'Joe', number: 3 }, { '@type': 'Child', name: 'Jim', number: 5 }, { '@type': 'Parent', name: 'Dad' }]);
  u = await graphqlDatabase([
    { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' },
    { '@id': 'Animal', '@type': 'Class', '@abstract': [], name: 'xsd:string' },
    { '@id': 'Dog', '@type': 'Class', '@inherits': ['Animal'], '@key': { '@type': 'Lexical', '@fields': ['name'] }, home: { '@type': 'Optional', '@class': 'Address' } },
    { '@id': 'Cat', '@type': 'Class', '@inherits': ['Animal'], '@key': { '@type': 'Lexical', '@fields': ['name'] }, lives: 'xsd:integer' },
    { '@id': 'Address', '@type': 'Class', '@subdocument': [], '@key': { '@type': 'Random' }, street: 'xsd:string' },
  ], [
    { '@type': 'Dog', name: 'Rex', home: { '@type': 'Address', street: 'Elm' } },
    { '@type': 'Cat', name: 'Tom', lives: 9 },
    { '@type': 'Dog', name: 'Fido', home: { '@type': 'Address', street: 'Oak' } },
  ]);
});
afterAll(async () => {
  await t.close();
  await u.close();
});

describe('GraphQL selection and ordering', () => {
  it('selects by id and ids (full IRIs or relative), in document order', async () => {
    const data = await t.data(`query {
      Person(ids: ["terminusdb:///data/Person/Immanuel%20Kant", "terminusdb:///data/Person/Socrates"]) { name }
      One: Person(id: "Person/Plato") { name } None: Cat(id: "Person/Plato") { name } }`);
    expect(data).toEqual({ Person: [{ name: 'Immanuel Kant' }, { name: 'Socrates' }], One: [{ name: 'Plato' }], None: [] });
  });

  it('orders by several fields in the order the query writes them, ties in document order', async () => {
    const a = await t.data('query { Person(orderBy: {order: DESC, name: ASC}) { name } }');
    expect(names(a.Person)).toEqual(['Karl Popper', 'Kurt Gödel', 'Aristotle', 'Immanuel Kant', 'Plato', 'Socrates']);
    const b = await t.data('query { Person(orderBy: {age: ASC, order: DESC}) { name } }');
    expect(names(b.Person)).toEqual(['Aristotle', 'Kurt Gödel', 'Socrates', 'Immanuel Kant', 'Plato', 'Karl Popper']);
    const c = await t.data('query($o: Person_Ordering) { Person(orderBy: $o) { name } }', { o: { order: 'ASC', name: 'DESC' } });
    expect(names(c.Person)).toEqual(['Socrates', 'Plato', 'Immanuel Kant', 'Aristotle', 'Kurt Gödel', 'Karl Popper']);
  });

  it('pages with limit and offset after filtering and ordering', async () => {
    const page = async (offset: number, limit: number): Promise<string[]> =>
      names((await t.data(`query { Person(orderBy: {name: ASC}, offset: ${offset}, limit: ${limit}) { name } }`)).Person);
    expect(await page(0, 2)).toEqual(['Aristotle', 'Immanuel Kant']);
    expect(await page(2, 2)).toEqual(['Karl Popper', 'Kurt Gödel']);
    expect(await page(4, 10)).toEqual(['Plato', 'Socrates']);
    expect(await page(6, 10)).toEqual([]);
    const filtered = await t.data('query { Person(filter: {order: {ge: "3"}}, offset: 1, limit: 2) { name } }');
    expect(names(filtered.Person)).toEqual(['Immanuel Kant', 'Karl Popper']);
  });

  it('includes subclass instances unless include_children is false', async () => {
    const all = await t.data('query { Parent(orderBy: {name: ASC}) { _type name } }');
    expect(all.Parent).toEqual([{ _type: 'Parent', name: 'Dad' }, { _type: 'Child', name: 'Jim' }, { _type: 'Child', name: 'Joe' }]);
    const own = await t.data('query { Parent(include_children: false, orderBy: {name: ASC}) { _type name } }');
    expect(own.Parent).toEqual([{ _type: 'Parent', name: 'Dad' }]);
  });

  it('answers __typename with the concrete class', async () => {
    const data = await t.data('query { Parent(orderBy: {name: ASC}) { __typename name } }');
    expect(data.Parent).toEqual([{ __typename: 'Parent', name: 'Dad' }, { __typename: 'Child', name: 'Jim' }, { __typename: 'Child', name: 'Joe' }]);
    const root = await t.data('query { __typename }');
    expect(root).toEqual({ __typename: 'Query' });
  });

  it('lists the instances of an abstract class through its subclasses only', async () => {
    const data = await u.data('query { Animal(orderBy: {name: DESC}) { _type name } Own: Animal(include_children: false) { name } }');
    expect(data.Animal).toEqual([{ _type: 'Cat', name: 'Tom' }, { _type: 'Dog', name: 'Rex' }, { _type: 'Dog', name: 'Fido' }]);
    expect(data.Own).toEqual([]);
    const sorted = await u.data('query { Animal(orderBy: {name: ASC}, limit: 2) { name } }');
    expect(names(sorted.Animal)).toEqual(['Fido', 'Rex']);
  });

  it('lists subdocuments of a subdocument class and follows them back to their owner', async () => {
    const data = await u.data('query { Address(orderBy: {street: ASC}) { street _home_of_Dog { name } } }');
    expect(data.Address).toEqual([
      { street: 'Elm', _home_of_Dog: [{ name: 'Rex' }] },
      { street: 'Oak', _home_of_Dog: [{ name: 'Fido' }] },
    ]);
    const one = await u.data('query { Address(filter: {street: {eq: "Oak"}}) { street } _count(Address: {}) }');
    expect(one).toEqual({ Address: [{ street: 'Oak' }], _count: 2 });
    const dogs = await u.data('query { Dog(filter: {home: {street: {startsWith: "E"}}}) { name home { street } } }');
    expect(dogs.Dog).toEqual([{ name: 'Rex', home: { street: 'Elm' } }]);
  });
});
