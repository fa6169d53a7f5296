// Transport conventions: method override, parameters in bodies, query-string precedence, compressed bodies,
// malformed JSON, Content-Type checks, parameter type errors, body size limit, request and trace ids.
// Sources: TerminusDB tests/test/compression.js, error-handling.js, document-get.js; reference §1.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, UUID } from './expectations.js';
import { randomName, real, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema({ '@type': 'Class', '@id': 'Doc', n: 'xsd:integer' });
  await db.insert([1, 2, 3].map((n) => ({ '@type': 'Doc', '@id': `Doc/${n}`, n })));
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

const url = (): string => `/api/document/${db.path}`;
const ids = (body: { '@id': string }[]): string[] => body.map((d) => d['@id']);

describe('X-HTTP-Method-Override', () => {
  it.each(['GET', 'get'])('turns a POST into a read with override %s', async (override) => {
    const res = await target.request('POST', url(), { json: { as_list: true }, headers: { 'X-HTTP-Method-Override': override } });
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(['Doc/1', 'Doc/2', 'Doc/3']);
    expect(await db.list()).toHaveLength(3);
  });
});

describe('Parameters', () => {
  it('reads parameters from the JSON body of a read', async () => {
    const res = await target.request('POST', url(), {
      json: { graph_type: 'schema', as_list: true },
      headers: { 'X-HTTP-Method-Override': 'GET' },
    });
    expect(res.body.map((d: { '@type': string }) => d['@type'])).toEqual(['@context', 'Class']);
  });

  it('lets the query string win over the body', async () => {
    const res = await target.request('POST', url(), {
      query: { count: 1, as_list: true },
      json: { count: 2, as_list: false },
      headers: { 'X-HTTP-Method-Override': 'GET' },
    });
    expect(res.body).toEqual([{ '@id': 'Doc/1', '@type': 'Doc', n: 1 }]);
  });

  it('decodes + in the query string as a space', async () => {
    const res = await target.request('GET', url(), { queryString: 'id=Doc/1&as_list=true&minimized=true' });
    expect(ids(res.body)).toEqual(['Doc/1']);
    const spaced = await target.request('GET', url(), { queryString: 'id=No+Such&as_list=false' });
    expectApiError(spaced, 404, 'api:GetDocumentErrorResponse', { '@type': 'api:DocumentNotFound', 'api:document_id': 'No Such' });
  });

  it.each([
    ['as_list=7', 'as_list', 'boolean (true, false)', '7'],
    ['graph_type=bla', 'graph_type', 'graph (schema, instance)', 'bla'],
    ['count=-1', 'count', 'non-negative integer', '-1'],
    ['skip=true', 'skip', 'non-negative integer', true],
    ['id=', 'id', 'non-empty string', ''],
  ])('answers %s with BadParameterType', async (qs, parameter, expectedType, value) => {
    const res = await target.request('GET', url(), { queryString: qs });
    expectApiError(res, 400, 'api:GetDocumentErrorResponse', {
      '@type': 'api:BadParameterType',
      'api:parameter': parameter,
      'api:expected_type': expectedType,
      'api:value': value,
    });
  });
});

describe('Request bodies', () => {
  it('accepts a gzip-compressed body (compression.js)', async () => {
    const schema = { '@id': randomName('G'), '@type': 'Class' };
    const res = await target.request('POST', url(), { query: { author: 'a', message: 'm', graph_type: 'schema' }, json: schema, gzip: true });
    expect(res.status).toBe(200);
    expect(await db.get(schema['@id'], { graph_type: 'schema' })).toEqual(schema);
  });

  it('accepts a deflate-compressed body (compression.js)', async () => {
    const schema = { '@id': randomName('D'), '@type': 'Class' };
    const res = await target.request('POST', url(), {
      query: { author: 'a', message: 'm', graph_type: 'schema' },
      raw: deflateSync(JSON.stringify(schema)),
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' },
    });
    expect(res.status).toBe(200);
    expect(await db.get(schema['@id'], { graph_type: 'schema' })).toEqual(schema);
  });

  it('accepts client bodies gzipped by the official client (compress=true, > 1 KiB)', async () => {
    const docs = Array.from({ length: 40 }, (_, i) => ({ '@type': 'Doc', '@id': `Doc/z${i}`, n: i }));
    const result = await db.client.addDocument(docs, {}, db.name, 'big', '', false, true);
    expect(result).toHaveLength(40);
    await db.client.deleteDocument({ id: docs.map((d) => d['@id']) }, db.name, 'cleanup');
  });

  it('answers malformed JSON on /api/db with 400 and the raw body', async () => {
    const raw = '{"label": ';
    const res = await target.request('POST', `/api/db/${target.user}/${randomName('db')}`, {
      raw,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      'api:status': 'api:failure',
      'api:message': 'Submitted object was not valid JSON',
      'system:object': raw,
    });
  });

  it('answers duplicate keys on /api/db with DuplicateField', async () => {
    const res = await target.request('POST', `/api/db/${target.user}/${randomName('db')}`, {
      raw: '{"label":"a","label":"b"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ '@type': 'api:DuplicateField', 'api:status': 'api:failure' });
  });

  it('answers a JSON body without Content-Type with MissingContentTypeErrorResponse', async () => {
    const res = await target.request('POST', `/api/db/${target.user}/${randomName('db')}`, {
      raw: new TextEncoder().encode('{"label":"x"}'),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ '@type': 'api:MissingContentTypeErrorResponse', 'api:status': 'api:failure' });
  });

  it('answers a non-JSON Content-Type with BadContentTypeErrorResponse', async () => {
    const res = await target.request('POST', `/api/db/${target.user}/${randomName('db')}`, {
      raw: '{"label":"x"}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ '@type': 'api:BadContentTypeErrorResponse', 'api:status': 'api:failure' });
  });

  it.skipIf(real)('answers a body over maxBodyBytes with 413 (kernel option; TerminusDB has no such setting)', async () => {
    const { startKernel } = await import('../../kernel/index.js');
    await using kernel = await startKernel({ port: 0, host: '127.0.0.1', maxBodyBytes: 1024 });
    const res = await fetch(`${kernel.url.replace(/\/+$/, '')}/api/db/admin/${randomName('db')}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('admin:root').toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'x'.repeat(4096) }),
    });
    expect(res.status).toBe(413);
  });
});

describe('Request and trace ids', () => {
  const missingAuthor = (headers: Record<string, string> = {}) => target.request('POST', url(), { json: [], headers });

  it('adds a UUID api:request_id to structured errors, fresh per request', async () => {
    const a = await missingAuthor();
    const b = await missingAuthor();
    expectApiError(a, 400, 'api:InsertDocumentErrorResponse', { '@type': 'api:MissingParameter' });
    expect(a.body['api:request_id']).toMatch(UUID);
    expect(b.body['api:request_id']).toMatch(UUID);
    expect(a.body['api:request_id']).not.toBe(b.body['api:request_id']);
    expect(Object.keys(a.body).sort()).toEqual(['@type', 'api:error', 'api:message', 'api:request_id', 'api:status']);
  });

  it('adds api:request_id to 404 errors too', async () => {
    const res = await target.request('GET', `/api/document/${target.user}/${randomName('none')}`);
    expect(res.status).toBe(404);
    expect(res.body['api:request_id']).toMatch(UUID);
  });

  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', '0af7651916cd43dd8448eb211c80319c'],
  ])('copies the trace id of traceparent %s into api:trace_id', async (traceparent, traceId) => {
    const res = await missingAuthor({ traceparent });
    expect(res.status).toBe(400);
    expect(res.body['api:trace_id']).toBe(traceId);
    expect(res.body['api:request_id']).toMatch(UUID);
  });

  it('keeps request ids out of success bodies', async () => {
    const res = await target.request('POST', `/api/diff`, { json: { before: { a: 1 }, after: { a: 2 } } });
    expect(res.status).toBe(200);
    expect(res.body['api:request_id']).toBeUndefined();
    const info = await target.request('GET', '/api/info');
    expect(info.body['api:request_id']).toBeUndefined();
  });
});
