// `_id`, `_type`, `_json`, `_getDocument` and `compress_ids`: ported from TerminusDB
// tests/test/graphql-compress-ids.js (query part) and the `_getDocument`/`_json` resolvers of
// schema.rs (pretty JSON of the document as GET returns it, "No such document").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
});
afterAll(() => t.close());

describe('GraphQL document fields', () => {
  it('returns _id compressed by default and with compress_ids=true, full IRIs with false', async () => {
    const q = 'query { Person(filter: {name: {eq: "Plato"}}) { _id _type name } }';
    expect((await t.data(q)).Person).toEqual([{ _id: 'Person/Plato', _type: 'Person', name: 'Plato' }]);
    expect((await t.data(q, undefined, { compressIds: true })).Person[0]._id).toBe('Person/Plato');
    expect((await t.data(q, undefined, { compressIds: false })).Person[0]._id).toBe('terminusdb:///data/Person/Plato');
  });

  it('rejects an invalid compress_ids value with 400', async () => {
    const answer = await t.gql('query { Person { _id } }', undefined, { compressIds: 'notabool' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toMatch(/compress_ids/);
  });

  it('returns _json as the pretty-printed document of the document API', async () => {
    const data = await t.data('query { Person(id: "Person/Socrates") { _json } }');
    const doc = await t.db.get('Person/Socrates');
    expect(JSON.parse(data.Person[0]._json)).toEqual(doc);
    expect(data.Person[0]._json).toContain('\n');
  });

  it('gets a document by relative or full id with _getDocument', async () => {
    const doc = await t.db.get('Cat/Toots');
    const data = await t.data('query { a: _getDocument(id: "Cat/Toots") b: _getDocument(id: "terminusdb:///data/Cat/Toots") }');
    expect(JSON.parse(data.a)).toEqual(doc);
    expect(JSON.parse(data.b)).toEqual(doc);
  });

  it('answers "No such document" for an unknown id', async () => {
    const answer = await t.gql('query { _getDocument(id: "Cat/Nobody") }');
    expect(answer.status).toBe(200);
    expect(answer.body.errors[0].message).toBe('No such document');
    expect(answer.body.data).toEqual({ _getDocument: null });
  });
});
