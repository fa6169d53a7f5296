// Filters: every operator of every filter type, someHave/allHave, _and/_or/_not, _id/_ids, foreign
// ids, enums. Ported from TerminusDB tests/test/graphql.js ('filter query', 'ne query', 'collects
// le filtered strings', 'filter stringy num', 'filter nonNegativeInteger', 'has required foreign
// field', 'has set foreign field') and its filter semantics (query.rs: one operator per field).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, names, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
let u: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
  await t.insert([
    { '@id': 'A/a1', '@type': 'A', name: 'a1' }, { '@id': 'A/a2', '@type': 'A', name: 'a2' },
    { '@type': 'Child', name: 'Joe', number: 3 }, { '@type': 'Child', name: 'Jim', number: 5 },
    { '@type': 'RequiredForeignField', required_foreign_field: 'http://example.com/entity' },
    { '@type': 'SetForeignField', set_foreign_field: 'http://example.com/entity' },
    { '@type': 'RockSet', '@id': 'RockSet/big', rocks: ['Big'] }, { '@type': 'RockSet', '@id': 'RockSet/all', rocks: ['Big', 'Small'] },
    { '@type': 'MaybeRocks', '@id': 'MaybeRocks/big', rocks_opt: 'Big' }, { '@type': 'MaybeRocks', '@id': 'MaybeRocks/none' },
  ]);
  u = await graphqlDatabase([
    { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' },
    { '@id': 'Flag', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string', on: 'xsd:boolean', weight: 'xsd:double', small: 'xsd:int', tags: { '@type': 'Set', '@class': 'xsd:string' } },
  ], [
    { '@type': 'Flag', name: 'f1', on: true, weight: 1.5, small: -2, tags: ['red', 'blue'] },
    { '@type': 'Flag', name: 'f2', on: false, weight: 2.5, small: 7, tags: ['red'] },
    { '@type': 'Flag', name: 'f3', on: true, weight: 10, small: 7 },
  ]);
});
afterAll(async () => {
  await t.close();
  await u.close();
});

const people = async (filter: string): Promise<string[]> => names((await t.data(`query { Person(filter: ${filter}) { name } }`)).Person);
const flags = async (filter: string): Promise<string[]> => names((await u.data(`query { Flag(filter: ${filter}) { name } }`)).Flag);

describe('GraphQL filters', () => {
  it('combines fields and orders (graphql.js filter query)', async () => {
    const data = await t.data('query { Person(filter: {name: {ge: "K"}, age: {ge: "30"}}, orderBy: {order: ASC}) { name age order } }');
    expect(data.Person).toEqual([
      { name: 'Socrates', age: 71, order: 1 }, { name: 'Plato', age: 80, order: 2 },
      { name: 'Karl Popper', age: 92, order: 5 }, { name: 'Kurt Gödel', age: 71, order: 5 },
    ]);
    const ne = await t.data('query { Person(filter: {name: {ne: "Socrates"}}, orderBy: {order: ASC}) { name } }');
    expect(names(ne.Person)).toEqual(['Plato', 'Aristotle', 'Immanuel Kant', 'Karl Popper', 'Kurt Gödel']);
  });

  it('applies every StringFilter operator', async () => {
    expect(await people('{name: {eq: "Plato"}}')).toEqual(['Plato']);
    expect(await people('{name: {ne: "Plato"}}')).toHaveLength(5);
    expect(await people('{name: {lt: "Immanuel Kant"}}')).toEqual(['Aristotle']);
    expect(await people('{name: {le: "Immanuel Kant"}}')).toEqual(['Aristotle', 'Immanuel Kant']);
    expect(await people('{name: {gt: "Plato"}}')).toEqual(['Socrates']);
    expect(await people('{name: {ge: "Plato"}}')).toEqual(['Plato', 'Socrates']);
    expect(await people('{name: {regex: "^K.*r$"}}')).toEqual(['Karl Popper']);
    expect(await people('{name: {regex: "ö"}}')).toEqual(['Kurt Gödel']);
    expect(await people('{name: {startsWith: "Ku"}}')).toEqual(['Kurt Gödel']);
    expect(await people('{name: {allOfTerms: ["Karl", "Popper"]}}')).toEqual(['Karl Popper']);
    expect(await people('{name: {anyOfTerms: ["Plato", "Socrates"]}}')).toEqual(['Plato', 'Socrates']);
    const a = await t.data('query { A(filter: {name: {le: "a2"}}) { name } }');
    expect(names(a.A).sort()).toEqual(['a1', 'a2']);
  });

  it('compares BigInt and BigFloat values numerically (values given as strings)', async () => {
    expect(await people('{order: {eq: "3"}}')).toEqual(['Aristotle', 'Immanuel Kant']);
    expect(await people('{order: {gt: "3"}}')).toEqual(['Karl Popper', 'Kurt Gödel']);
    expect(await people('{order: {lt: "2"}}')).toEqual(['Socrates']);
    expect(await people('{age: {le: "71"}}')).toEqual(['Aristotle', 'Kurt Gödel', 'Socrates']);
    expect(await people('{age: {ne: "71"}}')).toEqual(['Aristotle', 'Immanuel Kant', 'Karl Popper', 'Plato']);
    const ints = await t.data('query { Integer(filter: {int: {ge: "4"}}, orderBy: {int: ASC}) { int } NonNegativeInteger(filter: {nonnegint: {ge: "4"}}) { nonnegint } }');
    expect(ints).toEqual({ Integer: [{ int: 11 }, { int: 100 }], NonNegativeInteger: [{ nonnegint: 300 }] });
  });

  it('applies Int, Float and Boolean filters', async () => {
    const kids = await t.data('query { Child(filter: {number: {gt: 3}}) { name } Lt: Child(filter: {number: {le: 3}}) { name } }');
    expect(kids).toEqual({ Child: [{ name: 'Jim' }], Lt: [{ name: 'Joe' }] });
    expect(await flags('{on: {eq: true}}')).toEqual(['f1', 'f3']);
    expect(await flags('{on: {ne: true}}')).toEqual(['f2']);
    expect(await flags('{weight: {gt: 2}}')).toEqual(['f2', 'f3']);
    expect(await flags('{weight: {lt: 2.5}}')).toEqual(['f1']);
    expect(await flags('{small: {eq: 7}}')).toEqual(['f2', 'f3']);
    expect(await flags('{small: {ge: -2, lt: 0}}')).toEqual(['f1']);
  });

  it('applies only the first operator of a field filter in eq ne lt le gt ge order, as TerminusDB (use _and for ranges)', async () => {
    expect(await people('{order: {ge: "3", le: "3"}}')).toEqual(['Aristotle', 'Immanuel Kant', 'Plato', 'Socrates']);
    expect(await people('{order: {gt: "4", eq: "1"}}')).toEqual(['Socrates']);
    expect(await people('{_and: [{order: {ge: "3"}}, {order: {le: "3"}}]}')).toEqual(['Aristotle', 'Immanuel Kant']);
  });

  it('combines filters with _and, _or and _not', async () => {
    expect(await people('{_or: [{name: {eq: "Plato"}}, {order: {eq: "1"}}]}')).toEqual(['Plato', 'Socrates']);
    expect(await people('{_not: {age: {lt: "80"}}}')).toEqual(['Karl Popper', 'Plato']);
    expect(await people('{_and: [{age: {gt: "70"}}, {age: {lt: "75"}}]}')).toEqual(['Kurt Gödel', 'Socrates']);
    expect(await people('{_and: [{_or: [{order: {eq: "5"}}, {order: {eq: "1"}}]}, {_not: {name: {startsWith: "Karl"}}}]}')).toEqual(['Kurt Gödel', 'Socrates']);
  });

  it('filters by _id and _ids (relative or full IRIs)', async () => {
    expect(await people('{_id: "Person/Plato"}')).toEqual(['Plato']);
    expect(await people('{_ids: ["terminusdb:///data/Person/Plato", "Person/Socrates"]}')).toEqual(['Plato', 'Socrates']);
    expect(await people('{friend: {someHave: {_id: "Person/Plato"}}}')).toEqual(['Aristotle', 'Socrates']);
  });

  it('filters collections of values with someHave and allHave', async () => {
    expect(await flags('{tags: {someHave: {eq: "blue"}}}')).toEqual(['f1']);
    expect(await flags('{tags: {allHave: {eq: "red"}}}')).toEqual(['f2', 'f3']);
    expect(await people('{cat: {allHave: {name: {eq: "Pickles"}}}, order: {eq: "5"}}')).toEqual(['Kurt Gödel']);
  });

  it('filters enums and foreign ids', async () => {
    const data = await t.data(`query {
      MaybeRocks(filter: {rocks_opt: {eq: Big}}) { _id }
      Not: MaybeRocks(filter: {rocks_opt: {ne: Big}}) { _id }
      RockSet(filter: {rocks: {someHave: {eq: Small}}}) { _id }
      RequiredForeignField(filter: {required_foreign_field: {_id: "http://example.com/entity"}}) { required_foreign_field }
      SetForeignField(filter: {set_foreign_field: {someHave: {_id: "http://example.com/entity"}}}) { set_foreign_field } }`);
    expect(data).toEqual({
      MaybeRocks: [{ _id: 'MaybeRocks/big' }],
      Not: [],
      RockSet: [{ _id: 'RockSet/all' }],
      RequiredForeignField: [{ required_foreign_field: 'http://example.com/entity' }],
      SetForeignField: [{ set_foreign_field: ['http://example.com/entity'] }],
    });
  });
});
