// DELETE /api/document: by id, ids, type, nuke; cut links; subdocuments; parameter errors.
// Sources: TerminusDB tests/test/document-delete.js (ported), response-headers.js; reference §4.6.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const SCHEMA = [
  { '@type': 'Class', '@id': 'Item', name: 'xsd:string' },
  { '@type': 'Class', '@id': 'Special', '@inherits': 'Item' },
  {
    '@type': 'Class',
    '@id': 'Box',
    opt: { '@type': 'Optional', '@class': 'Item' },
    many: { '@type': 'Set', '@class': 'Item' },
  },
  { '@type': 'Class', '@id': 'Strict', must: 'Item' },
  { '@type': 'Class', '@id': 'Cell', '@subdocument': [], '@key': { '@type': 'Random' }, v: 'xsd:string' },
  { '@type': 'Class', '@id': 'Sheet', cell: 'Cell' },
];

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema(SCHEMA);
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

const url = (): string => `/api/document/${db.path}`;
const del = (query: Record<string, string | boolean>, raw?: string) =>
  target.request('DELETE', url(), {
    query: { author: 'a', message: 'm', ...query },
    ...(raw === undefined ? {} : { raw, headers: { 'Content-Type': 'application/json' } }),
  });
const exists = async (id: string): Promise<boolean> => (await db.list({ id })).length > 0;

describe('Document delete', () => {
  it('deletes by id with 204, an empty body and the new data version', async () => {
    await db.insert({ '@type': 'Item', '@id': 'Item/d1', name: 'x' });
    const res = await del({ id: 'Item/d1' });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('terminusdb-data-version')).toBe(`branch:${await db.head()}`);
    expect(await exists('Item/d1')).toBe(false);
  });

  it('deletes a list of ids sent in the body (client deleteDocument with an array)', async () => {
    await db.insert([
      { '@type': 'Item', '@id': 'Item/l1', name: 'a' },
      { '@type': 'Item', '@id': 'Item/l2', name: 'b' },
    ]);
    await db.client.deleteDocument({ id: ['Item/l1', 'Item/l2'] }, db.name, 'delete two');
    expect(await exists('Item/l1')).toBe(false);
    expect(await exists('Item/l2')).toBe(false);
  });

  it('answers an unknown id with 404 DocumentNotFound (expanded IRI)', async () => {
    const res = await del({ id: 'Item/none' });
    expectApiError(res, 404, 'api:DeleteDocumentErrorResponse', {
      '@type': 'api:DocumentNotFound',
      'api:document_id': 'terminusdb:///data/Item/none',
    });
  });

  it('deletes all instances of a type, including subclasses', async () => {
    await using fresh = await target.withDatabase();
    await fresh.insertSchema(SCHEMA);
    await fresh.insert([
      { '@type': 'Item', '@id': 'Item/t1', name: 'a' },
      { '@type': 'Special', '@id': 'Special/t2', name: 'b' },
      { '@type': 'Sheet', '@id': 'Sheet/keep', cell: { '@type': 'Cell', v: 'k' } },
    ]);
    const res = await target.request('DELETE', `/api/document/${fresh.path}`, {
      query: { author: 'a', message: 'm', type: 'Item' },
    });
    expect(res.status).toBe(204);
    expect((await fresh.list()).map((d) => d['@id'])).toEqual(['Sheet/keep']);
  });

  it('empties the graph with nuke=true', async () => {
    await using fresh = await target.withDatabase();
    await fresh.insertSchema(SCHEMA);
    await fresh.insert([
      { '@type': 'Item', '@id': 'Item/n1', name: 'a' },
      { '@type': 'Item', '@id': 'Item/n2', name: 'b' },
    ]);
    const res = await target.request('DELETE', `/api/document/${fresh.path}`, {
      query: { author: 'a', message: 'm', nuke: true },
    });
    expect(res.status).toBe(204);
    expect(await fresh.list()).toEqual([]);
    expect(await fresh.list({ graph_type: 'schema' })).toHaveLength(SCHEMA.length + 1);
  });

  it('cuts links from Optional and Set fields of other documents', async () => {
    await db.insert([
      { '@type': 'Item', '@id': 'Item/c1', name: 'gone' },
      { '@type': 'Item', '@id': 'Item/c2', name: 'stays' },
      { '@type': 'Box', '@id': 'Box/b1', opt: 'Item/c1', many: ['Item/c1', 'Item/c2'] },
    ]);
    await del({ id: 'Item/c1' });
    expect(await db.get('Box/b1')).toEqual({ '@id': 'Box/b1', '@type': 'Box', many: ['Item/c2'] });
  });

  it('fails when the cut link leaves a required field empty', async () => {
    await db.insert([
      { '@type': 'Item', '@id': 'Item/r1', name: 'needed' },
      { '@type': 'Strict', '@id': 'Strict/s1', must: 'Item/r1' },
    ]);
    const res = await del({ id: 'Item/r1' });
    expectApiError(res, 400, 'api:DeleteDocumentErrorResponse', { '@type': 'api:SchemaCheckFailure' });
    expect(await exists('Item/r1')).toBe(true);
  });

  it('deletes the subdocuments of a deleted document', async () => {
    await db.insert({ '@type': 'Sheet', '@id': 'Sheet/s1', cell: { '@type': 'Cell', v: 'c' } });
    const sheet = await db.get('Sheet/s1');
    const cellId: string = sheet.cell['@id'];
    expect(cellId).toMatch(/^Sheet\/s1\/cell\/Cell\/[A-Za-z0-9_-]{16}$/);
    await del({ id: 'Sheet/s1' });
    expect(await exists(cellId)).toBe(false);
  });

  it('refuses to delete a class that still has instances', async () => {
    await db.insert({ '@type': 'Item', '@id': 'Item/kept', name: 'k' });
    const res = await failure(db.client.deleteDocument({ id: 'Item', graph_type: 'schema' }, db.name, 'drop class'));
    expectApiError(res, 400, 'api:DeleteDocumentErrorResponse', { '@type': 'api:SchemaCheckFailure' });
  });

  it('requires a target', async () => {
    // document-delete.js 'fails for missing targets'
    const res = await del({});
    expectApiError(res, 400, 'api:DeleteDocumentErrorResponse', { '@type': 'api:MissingTargets' });
  });
});

describe('Document delete: bad parameter types', () => {
  // document-delete.js 'fails for bad parameter type'
  const cases: [{ queryString?: string; body?: string }, string, string, unknown][] = [
    [{ queryString: 'author=' }, 'author', 'non-empty string', ''],
    [{ queryString: 'author=a&message=' }, 'message', 'non-empty string', ''],
    [{ queryString: 'author=a&message=m&graph_type=' }, 'graph_type', 'graph (schema, instance)', ''],
    [{ queryString: 'author=a&message=m&graph_type=0' }, 'graph_type', 'graph (schema, instance)', '0'],
    [{ queryString: 'author=a&message=m&graph_type=null' }, 'graph_type', 'graph (schema, instance)', null],
    [{ queryString: 'author=a&message=m&nuke=' }, 'nuke', 'boolean (true, false)', ''],
    [{ queryString: 'author=a&message=m&nuke=null' }, 'nuke', 'boolean (true, false)', null],
    [{ queryString: 'author=a&message=m&nuke=abc' }, 'nuke', 'boolean (true, false)', 'abc'],
    [{ queryString: 'author=a&message=m&id=' }, 'id', 'non-empty string', ''],
    [{ body: '0' }, 'id', 'non-empty string', 0],
    [{ body: 'null' }, 'id', 'non-empty string', null],
    [{ body: '[false]' }, 'id', 'non-empty string', false],
    [{ body: '[true]' }, 'id', 'non-empty string', true],
    [{ body: '["", "s"]' }, 'id', 'non-empty string', ''],
    [{ body: '"" "s"' }, 'id', 'non-empty string', ''],
  ];
  it.each(cases)('%j → %s', async (option, parameter, expectedType, value) => {
    const res = await target.request('DELETE', url(), {
      queryString: option.queryString ?? 'author=a&message=m',
      ...(option.body === undefined ? {} : { raw: option.body, headers: { 'Content-Type': 'application/json' } }),
    });
    expectApiError(res, 400, 'api:DeleteDocumentErrorResponse', {
      '@type': 'api:BadParameterType',
      'api:parameter': parameter,
      'api:expected_type': expectedType,
      'api:value': value,
    });
  });
});
