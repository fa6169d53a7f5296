/**
 * Client mistakes never get a 500 (issue: kernel, "Bad input"): every endpoint is sent malformed
 * bodies, wrong types, odd ids and unknown resources; each answer must be a 4xx with a JSON body, and
 * the database must be unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { real, startTarget, type Target, type TestDatabase } from './harness.js';

let target: Target;
let db: TestDatabase;

beforeAll(async () => {
  target = await startTarget();
  db = await target.withDatabase();
  await db.insertSchema({ '@type': 'Class', '@id': 'Thing', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string', n: { '@type': 'Optional', '@class': 'xsd:integer' } });
  await db.insert({ '@type': 'Thing', name: 'one', n: 1 });
});
afterAll(async () => {
  await db[Symbol.asyncDispose]();
  await target.close();
});

const BODIES: readonly string[] = [
  '{',
  '[1,2',
  'null',
  '42',
  '"text"',
  '{"@type": 7}',
  '{"@type":"Thing","name":{"deep":[[[[[[[[[[]]]]]]]]]]}}',
  `{"@type":"Thing","name":"${'x'.repeat(100_000)}","n":"not a number"}`,
  '{"@id":"foo:bar","@type":"Thing","name":"p"}',
  '{"@id":"Thing/%%%","@type":"Thing","name":"%%%"}',
  '[{"@type":"Thing","name":"a"},{"@type":"Nope"}]',
  '{"before":1}',
  '{"patch":[{"@id":7}],"author":"a","message":"m"}',
  '{"commit_descriptor":17}',
  '{"origin":{"x":1}}',
  '{"query":"{ Thing(limit: 99999999999) { name } }"}',
  '{"query":"{ Thing(filter: {name: {regex: \\"[\\"}}) { name } }"}',
];

describe('Bad input', () => {
  it('never answers 500 to a malformed request, and changes nothing', async () => {
    const before = await db.client.getCommitsLog(0, -1);
    const paths = [
      `/api/document/${db.path}?author=a&message=m`,
      `/api/document/${db.path}?author=a&message=m&graph_type=schema`,
      `/api/document/${db.path}/local/branch/nope?author=a&message=m`,
      `/api/db/${db.path}`,
      `/api/branch/${db.path}/local/branch/robust`,
      `/api/diff/${db.path}`,
      '/api/diff',
      `/api/patch/${db.path}`,
      '/api/patch',
      `/api/apply/${db.path}`,
      `/api/squash/${db.path}`,
      `/api/reset/${db.path}`,
      `/api/graphql/${db.path}`,
      `/api/history/${db.path}?id=Thing/one&start=x`,
      `/api/log/${db.path}?count=abc`,
    ];
    const failures: string[] = [];
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'DELETE', 'GET']) {
        if (method === 'DELETE' && path.startsWith('/api/db/')) continue; // a well-formed delete of the database
        for (const raw of BODIES) {
          // GET with a body travels as POST + X-HTTP-Method-Override, as the official client sends it
          const res =
            method === 'GET'
              ? await target.request('POST', path, { raw, headers: { 'Content-Type': 'application/json', 'X-HTTP-Method-Override': 'GET' } })
              : await target.request(method, path, { raw, headers: { 'Content-Type': 'application/json' } });
          if (res.status >= 500) failures.push(`${method} ${path} ${raw.slice(0, 40)} → ${res.status} ${res.text.slice(0, 120)}`);
          if (method !== 'HEAD' && res.status >= 400 && res.text !== '' && res.body === undefined) {
            failures.push(`${method} ${path} ${raw.slice(0, 40)} → ${res.status} non-JSON body`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    const after = await db.client.getCommitsLog(0, -1);
    // The branch create with a bad origin and similar mistakes must not have written anything.
    expect(after).toEqual(before);
    expect(await db.client.getDocument({ type: 'Thing', as_list: true }, db.name)).toEqual([{ '@id': 'Thing/one', '@type': 'Thing', name: 'one', n: 1 }]);
  });

  it.skipIf(real)('answers an oversized body with 413 JSON and keeps serving', async () => {
    const res = await target.request('POST', `/api/document/${db.path}?author=a&message=m`, {
      raw: 'x'.repeat(70 * 1024 * 1024),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect((await target.request('GET', '/api/info')).status).toBe(200);
  });
});
