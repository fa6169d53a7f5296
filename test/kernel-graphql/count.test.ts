// `_count`: ported from TerminusDB tests/test/graphql-count (every assertion).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, names, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase([
    { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' },
    { '@id': 'Person', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string', age: 'xsd:integer', city: { '@type': 'Optional', '@class': 'xsd:string' } },
    { '@id': 'Animal', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string', species: 'xsd:string' },
    { '@id': 'Parent', '@type': 'Class', name: 'xsd:string' },
    { '@id': 'Child', '@type': 'Class', '@inherits': ['Parent'], age: 'xsd:integer' },
  ], [
    { '@type': 'Person', name: 'Alice', age: 30, city: 'London' },
    { '@type': 'Person', name: 'Bob', age: 25, city: 'Paris' },
    { '@type': 'Person', name: 'Charlie', age: 35, city: 'London' },
    { '@type': 'Person', name: 'Diana', age: 28 },
    { '@type': 'Person', name: 'Eve', age: 30, city: 'Berlin' },
    { '@type': 'Animal', name: 'Fluffy', species: 'Cat' },
    { '@type': 'Animal', name: 'Rex', species: 'Dog' },
    { '@type': 'Animal', name: 'Whiskers', species: 'Cat' },
    { '@type': 'Child', name: 'Tommy', age: 5 },
    { '@type': 'Child', name: 'Sally', age: 8 },
  ]);
});
afterAll(() => t.close());

const count = async (args: string): Promise<number> => (await t.data(`query { _count(${args}) }`))._count;

describe('GraphQL _count', () => {
  it('counts all documents of a type with an empty filter, subclasses included', async () => {
    expect(await count('Person: {}')).toBe(5);
    expect(await count('Animal: {}')).toBe(3);
    expect(await count('Parent: {}')).toBe(2);
    expect(await count('Child: {}')).toBe(2);
  });

  it('counts documents matching equality and range filters', async () => {
    expect(await count('Person: {age: {eq: "30"}}')).toBe(2);
    expect(await count('Person: {city: {eq: "London"}}')).toBe(2);
    expect(await count('Person: {age: {ge: "30"}}')).toBe(3);
    expect(await count('Person: {age: {le: "28"}}')).toBe(2);
    expect(await count('Animal: {species: {eq: "Cat"}}')).toBe(2);
    expect(await count('Person: {age: {ge: "100"}}')).toBe(0);
    expect(await count('Person: {_or: [{city: {eq: "Paris"}}, {age: {gt: "33"}}]}')).toBe(2);
  });

  it('answers an error without a model filter', async () => {
    const answer = await t.gql('query { _count }');
    expect(answer.body.errors[0].message).toContain('_count requires exactly one model filter argument');
  });

  it('runs alongside a regular query and matches its length', async () => {
    const data = await t.data('query { _count(Person: {city: {eq: "London"}}) Person(filter: {city: {eq: "London"}}) { name age } }');
    expect(data._count).toBe(2);
    expect(names(data.Person).sort()).toEqual(['Alice', 'Charlie']);
    const n = await count('Person: {age: {ge: "28"}}');
    const list = await t.data('query { Person(filter: {age: {ge: "28"}}) { name } }');
    expect(n).toBe(list.Person.length);
  });
});
