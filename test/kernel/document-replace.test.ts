// PUT /api/document: replace, create (upsert), not found, incoming links, no-op writes.
// Sources: TerminusDB tests/test/document-auth.js (#736, #705, replace not found), document.js (older copy);
// reference §4.5, §1.5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { contracted, randomName, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema([
    { '@type': 'Class', '@id': 'Thing', label: { '@type': 'Optional', '@class': 'xsd:string' } },
    { '@type': 'Class', '@id': 'Holder', thing: { '@type': 'Optional', '@class': 'Thing' } },
    { '@type': 'Class', '@id': 'Named', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string' },
  ]);
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

const replace = (docs: object | object[], params: Record<string, unknown> = {}, create = false) =>
  db.client.updateDocument(docs, params, db.name, 'replace', '', false, false, create) as Promise<string[]>;

describe('Document replace', () => {
  it('replaces the content and answers the full IRIs', async () => {
    await db.insert({ '@type': 'Thing', '@id': 'Thing/r1', label: 'before' });
    const ids = await replace({ '@type': 'Thing', '@id': 'Thing/r1', label: 'after' });
    expect(ids).toEqual(['terminusdb:///data/Thing/r1']);
    expect(await db.get('Thing/r1')).toEqual({ '@id': 'Thing/r1', '@type': 'Thing', label: 'after' });
  });

  it('removes fields left out of the new content', async () => {
    await db.insert({ '@type': 'Thing', '@id': 'Thing/r2', label: 'gone' });
    await replace({ '@type': 'Thing', '@id': 'Thing/r2' });
    expect(await db.get('Thing/r2')).toEqual({ '@id': 'Thing/r2', '@type': 'Thing' });
  });

  it('keeps incoming links of the replaced document (#736)', async () => {
    const doc1 = { '@type': 'Thing', '@id': 'Thing/linked' };
    const doc2 = { '@type': 'Holder', '@id': 'Holder/h1', thing: 'Thing/linked' };
    await db.insert([doc1, doc2]);
    await replace(doc1);
    expect(await db.get('Holder/h1')).toEqual(doc2);
  });

  it('answers a missing document with 404 DocumentNotFound and the submitted document', async () => {
    // document.js (older suite) sends { '@id': id } without @type; a typed document avoids type inference.
    const id = `Thing/${randomName('x')}`;
    const instance = { '@type': 'Thing', '@id': id };
    const res = await target.request('PUT', `/api/document/${db.path}`, {
      query: { author: 'a', message: 'm' },
      json: instance,
    });
    expectApiError(res, 404, 'api:ReplaceDocumentErrorResponse', {
      '@type': 'api:DocumentNotFound',
      'api:document_id': `terminusdb:///data/${id}`,
      'api:document': instance,
    });
  });

  it('inserts a missing document with create=true (#705)', async () => {
    const ids = await replace({ '@type': 'Named', name: 'Named/1' }, {}, true);
    expect(ids).toEqual(['terminusdb:///data/Named/Named%2F1']);
    expect(await db.list({ type: 'Named' })).toEqual([{ '@id': 'Named/Named%2F1', '@type': 'Named', name: 'Named/1' }]);
  });

  it('requires author, then message', async () => {
    const noAuthor = await target.request('PUT', `/api/document/${db.path}`, { json: [] });
    expectApiError(noAuthor, 400, 'api:ReplaceDocumentErrorResponse', {
      '@type': 'api:MissingParameter',
      'api:parameter': 'author',
    });
    const noMessage = await target.request('PUT', `/api/document/${db.path}`, { query: { author: 'a' }, json: [] });
    expectApiError(noMessage, 400, 'api:ReplaceDocumentErrorResponse', {
      '@type': 'api:MissingParameter',
      'api:parameter': 'message',
    });
  });

  it('creates no commit when nothing changes', async () => {
    await db.insert({ '@type': 'Thing', '@id': 'Thing/same', label: 'same' });
    const before = await db.head();
    const res = await target.request('PUT', `/api/document/${db.path}`, {
      query: { author: 'a', message: 'm' },
      json: { '@type': 'Thing', '@id': 'Thing/same', label: 'same' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('terminusdb-data-version')).toBe(`branch:${before}`);
    expect(await db.head()).toBe(before);
  });

  it('refuses to write to a commit path with DocumentAccessImpossible', async () => {
    const head = await db.head();
    const path = `${db.path}/local/commit/${head}`;
    const res = await target.request('PUT', `/api/document/${path}`, {
      query: { author: 'a', message: 'm' },
      json: { '@type': 'Thing', '@id': 'Thing/same' },
    });
    expectApiError(res, 400, 'api:ReplaceDocumentErrorResponse', {
      '@type': 'api:DocumentAccessImpossible',
      'api:access_type': 'write',
    });
  });
});

describe('Schema replace', () => {
  it('answers a missing class with 404 and the submitted document', async () => {
    // document-auth.js 'fails replace schema for document not found'
    const schema = { '@id': randomName('C'), '@type': 'Class' };
    const res = await failure(db.client.updateDocument(schema, { graph_type: 'schema' }, db.name, 'replace'));
    expectApiError(res, 404, 'api:ReplaceDocumentErrorResponse', {
      '@type': 'api:DocumentNotFound',
      'api:document_id': schema['@id'],
      'api:document': schema,
    });
  });

  it('replaces a class', async () => {
    const id = randomName('C');
    await db.insertSchema({ '@type': 'Class', '@id': id, a: 'xsd:string' });
    const ids = await db.client.updateDocument(
      { '@type': 'Class', '@id': id, b: 'xsd:integer' },
      { graph_type: 'schema' },
      db.name,
      'replace',
    );
    expect(ids).toEqual([id]);
    expect(await db.get(id, { graph_type: 'schema' })).toEqual({ '@type': 'Class', '@id': id, b: 'xsd:integer' });
  });

  it('replaces the @context document', async () => {
    await using fresh = await target.withDatabase();
    const context = {
      '@type': '@context',
      '@base': 'terminusdb:///data/',
      '@schema': 'terminusdb:///schema#',
      ex: 'http://example.com/',
    };
    const ids = await fresh.client.updateDocument(context, { graph_type: 'schema' }, fresh.name, 'context');
    expect(ids).toEqual(['@context']);
    expect(await fresh.get('@context', { graph_type: 'schema' })).toEqual(context);
  });
});

describe('Raw JSON replace', () => {
  it('requires an @id', async () => {
    const res = await failure(db.client.updateDocument({ a: 1 }, { raw_json: true }, db.name, 'replace'));
    expectApiError(res, 400, 'api:ReplaceDocumentErrorResponse', { '@type': 'api:JSONIdNotProvided' });
  });

  it('replaces a stored JSON document', async () => {
    const [id] = await db.insert({ v: 1 }, { raw_json: true });
    await db.client.updateDocument({ '@id': id, v: 2 }, { raw_json: true }, db.name, 'replace');
    const [doc] = await db.list({ id: contracted(id) });
    expect(doc).toMatchObject({ v: 2 });
  });
});
