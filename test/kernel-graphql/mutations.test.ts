// Mutations: `_insertDocuments`, `_replaceDocuments`, `_deleteDocuments` with `_commitInfo`, one
// commit per request, validated like the document API. Ported from TerminusDB
// tests/test/graphql-compress-ids.js (mutation results) and mod.rs (no mutations over GET).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDatabase, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
});
afterAll(() => t.close());

const json = (doc: object): string => JSON.stringify(JSON.stringify(doc));

async function log(): Promise<{ author: string; message: string; identifier: string }[]> {
  const res = await t.target.request('GET', `/api/log/${t.db.path}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('GraphQL mutations', () => {
  it('inserts documents in one commit with the author and message of _commitInfo', async () => {
    const before = await t.db.head();
    const { status, body } = await t.gql(`mutation {
      _commitInfo(author: "gql", message: "add cats")
      _insertDocuments(json: ${json([{ '@type': 'Cat', name: 'Tom' }, { '@type': 'Cat', name: 'Felix' }])}) }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data._insertDocuments).toEqual(['Cat/Tom', 'Cat/Felix']);
    expect(body.data._commitInfo).toBe(true);
    const commits = await log();
    expect(commits[0]).toMatchObject({ author: 'gql', message: 'add cats' });
    expect(commits[1]?.identifier).toBe(before);
    const cats = await t.data('query { Cat(filter: {name: {eq: "Tom"}}) { name } }');
    expect(cats.Cat).toEqual([{ name: 'Tom' }]);
  });

  it('takes the documents as a JSON variable too', async () => {
    const { body } = await t.gql('mutation($docs: JSON!) { _insertDocuments(json: $docs) }', { docs: { '@type': 'Cat', name: 'Garfield' } });
    expect(body.data._insertDocuments).toEqual(['Cat/Garfield']);
  });

  it('makes one commit for several mutation fields', async () => {
    const before = (await log()).length;
    const { body } = await t.gql(`mutation {
      _commitInfo(author: "gql", message: "two at once")
      a: _insertDocuments(json: ${json({ '@type': 'Cat', name: 'Salem' })})
      b: _replaceDocuments(json: ${json({ '@type': 'Person', name: 'Plato', age: '81', order: '2', friend: ['Person/Aristotle'] })}) }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ a: ['Cat/Salem'], b: ['Person/Plato'] });
    const commits = await log();
    expect(commits).toHaveLength(before + 1);
    expect(commits[0]?.message).toBe('two at once');
    const plato = await t.data('query { Person(id: "Person/Plato") { age } }');
    expect(plato.Person).toEqual([{ age: 81 }]);
  });

  it('replaces with create and deletes documents', async () => {
    const created = await t.gql(`mutation { _replaceDocuments(json: ${json({ '@type': 'Cat', name: 'Nermal' })}, create: true) }`);
    expect(created.body.data._replaceDocuments).toEqual(['Cat/Nermal']);
    const deleted = await t.gql('mutation { _deleteDocuments(ids: ["Cat/Nermal", "terminusdb:///data/Cat/Salem"]) }');
    expect(deleted.body.errors).toBeUndefined();
    expect(deleted.body.data._deleteDocuments).toEqual(['Cat/Nermal', 'Cat/Salem']);
    const left = await t.data('query { _count(Cat: {_ids: ["Cat/Nermal", "Cat/Salem"]}) }');
    expect(left._count).toBe(0);
  });

  it('returns full IRIs with compress_ids=false', async () => {
    const ins = await t.gql(`mutation { _insertDocuments(json: ${json({ '@type': 'Cat', name: 'Sylvester' })}) }`, undefined, { compressIds: false });
    expect(ins.body.data._insertDocuments).toEqual(['terminusdb:///data/Cat/Sylvester']);
    const del = await t.gql('mutation { _deleteDocuments(ids: ["terminusdb:///data/Cat/Sylvester"]) }', undefined, { compressIds: false });
    expect(del.body.data._deleteDocuments).toEqual(['terminusdb:///data/Cat/Sylvester']);
  });

  it('commits nothing when a document violates the schema', async () => {
    const before = await t.db.head();
    const { status, body } = await t.gql(`mutation {
      ok: _insertDocuments(json: ${json({ '@type': 'Cat', name: 'Valid' })})
      bad: _insertDocuments(json: ${json({ '@type': 'Cat', name: 'Bad', colour: 'red' })}) }`);
    expect(status).toBe(200);
    expect(body.errors.length).toBeGreaterThan(0);
    expect(await t.db.head()).toBe(before);
    const cats = await t.data('query { Cat(filter: {name: {eq: "Valid"}}) { name } }');
    expect(cats.Cat).toEqual([]);
  });

  it('answers an error for an existing id and for unparsable JSON, committing nothing', async () => {
    const before = await t.db.head();
    const dup = await t.gql(`mutation { _insertDocuments(json: ${json({ '@type': 'Cat', name: 'Tom' })}) }`);
    expect(dup.body.errors.length).toBeGreaterThan(0);
    const broken = await t.gql('mutation { _insertDocuments(json: "{not json") }');
    expect(broken.body.errors.length).toBeGreaterThan(0);
    expect(await t.db.head()).toBe(before);
  });

  it('refuses mutations over GET and on a commit', async () => {
    const before = await t.db.head();
    const get = await t.gql(`mutation { _insertDocuments(json: ${json({ '@type': 'Cat', name: 'ViaGet' })}) }`, undefined, { method: 'GET' });
    expect(get.body.errors[0].message).toContain('Mutations are not allowed via GET');
    const old = await t.gql(`mutation { _insertDocuments(json: ${json({ '@type': 'Cat', name: 'OnCommit' })}) }`, undefined, { ref: `/local/commit/${before}` });
    expect(old.body.errors.length).toBeGreaterThan(0);
    expect(await t.db.head()).toBe(before);
  });
});
