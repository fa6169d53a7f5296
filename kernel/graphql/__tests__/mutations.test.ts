import { describe, expect, it } from 'vitest';
import { SCHEMA } from './fixtures.js';
import { testDb } from './harness.js';

describe('GraphQL mutations', () => {
  it('inserts, replaces and deletes documents, one commit per request', async () => {
    const t = testDb(SCHEMA);
    const before = t.head();
    const ins = await t.gql('mutation($docs: JSON!) { _commitInfo(author: "alice", message: "add") _insertDocuments(json: $docs) }', {
      docs: [{ '@type': 'Cat', name: 'Tom' }, { '@type': 'Cat', name: 'Felix' }],
    });
    expect(ins.errors).toBeUndefined();
    expect(ins.data._insertDocuments).toEqual(['terminusdb:///data/Cat/Tom', 'terminusdb:///data/Cat/Felix']);
    const commit = t.store.getCommit(t.db, t.head());
    expect(commit?.parent === before || commit?.parent === undefined).toBe(true);
    expect(commit).toMatchObject({ author: 'alice', message: 'add' });

    const str = await t.gql('mutation { _insertDocuments(json: "{\\"@type\\":\\"Cat\\",\\"name\\":\\"Garfield\\"}") }', {}, { compressIds: true });
    expect(str.data._insertDocuments).toEqual(['Cat/Garfield']);

    const multi = await t.gql('mutation { _deleteDocuments(ids: ["Cat/Tom"]) _replaceDocuments(json: "{\\"@id\\":\\"Cat/Felix\\",\\"@type\\":\\"Cat\\",\\"name\\":\\"Felix\\"}") }');
    expect(multi.errors).toBeUndefined();
    const q = await t.gql('query { Cat { name } }');
    expect(q.data.Cat).toEqual([{ name: 'Felix' }, { name: 'Garfield' }]);
  });

  it('reports document API errors and writes nothing', async () => {
    const t = testDb(SCHEMA);
    const before = t.head();
    const r = await t.gql('mutation { _insertDocuments(json: "{\\"@type\\":\\"Cat\\",\\"name\\":\\"A\\"}") _deleteDocuments(ids: ["Cat/missing"]) }');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].extensions['api:error']).toBeDefined();
    expect(t.head()).toBe(before);
    const bad = await t.gql('mutation { _insertDocuments(json: "{not json") }');
    expect(bad.errors[0].message).toMatch(/Invalid JSON/);
  });

  it('refuses mutations without a commit callback', async () => {
    const t = testDb(SCHEMA);
    const r = await t.gql('mutation { _insertDocuments(json: "{}") }', {}, { commit: t.head() });
    expect(r.errors[0].message).toMatch(/not possible/);
  });
});
