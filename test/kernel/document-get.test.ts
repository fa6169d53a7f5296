// GET /api/document: stream vs list, id/ids/type, skip/count, compress_ids, unfold, query by example, parameters.
// Source: TerminusDB tests/test/document-get.js (ported assertions); reference §4.2, §4.3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from './expectations.js';
import { startTarget, type Body, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const SCHEMA = {
  '@id': 'Person',
  '@type': 'Class',
  '@key': { '@type': 'Lexical', '@fields': ['name'] },
  name: 'xsd:string',
  age: 'xsd:decimal',
  order: 'xsd:integer',
};
const CONTEXT = { '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#', '@type': '@context' };

const aristotle = { '@type': 'Person', name: 'Aristotle', age: 61, order: 3 };
const plato = { '@type': 'Person', name: 'Plato', age: 80, order: 2 };
const socrates = { '@type': 'Person', name: 'Socrates', age: 71, order: 1 };
const INSTANCES = [aristotle, plato, socrates];

/** The expected output of a Person (document-get.js expectInstances). */
function out(p: { name: string; age: number; order: number }, full = false): Body {
  const s = full ? 'terminusdb:///schema#' : '';
  const id = encodeURI(`${full ? 'terminusdb:///data/' : ''}Person/${p.name}`);
  return { '@id': id, '@type': `${s}Person`, [`${s}name`]: p.name, [`${s}age`]: p.age, [`${s}order`]: p.order };
}

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema(SCHEMA);
  await db.insert(INSTANCES);
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

const url = (): string => `/api/document/${db.path}`;
const get = (query: Record<string, string | number | boolean> = {}) => target.request('GET', url(), { query });
/** A GET with a JSON body, sent as the client does: POST + X-HTTP-Method-Override: GET. */
const getWithBody = (json: unknown, query: Record<string, string | number | boolean> = {}) =>
  target.request('POST', url(), { query, json, headers: { 'X-HTTP-Method-Override': 'GET' } });
const lines = (text: string): Body[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Body);

describe('Document get: stream and list', () => {
  it('streams instances as JSON lines in lexical id order by default', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(lines(res.text)).toEqual(INSTANCES.map((p) => out(p)));
  });

  it('returns one array with as_list=true (query or body)', async () => {
    expect((await get({ as_list: true })).body).toEqual(INSTANCES.map((p) => out(p)));
    expect((await getWithBody({ as_list: true })).body).toEqual(INSTANCES.map((p) => out(p)));
  });

  it('streams the schema: @context first, then the classes', async () => {
    const res = await get({ graph_type: 'schema' });
    expect(lines(res.text)).toEqual([CONTEXT, SCHEMA]);
    expect((await getWithBody({ graph_type: 'schema', as_list: true })).body).toEqual([CONTEXT, SCHEMA]);
  });

  it('carries the branch data version', async () => {
    const res = await get({ as_list: true });
    expect(res.headers.get('terminusdb-data-version')).toMatch(/^branch:[0-9a-z]+$/);
  });
});

describe('Document get: skip and count', () => {
  const cases: [Record<string, number>, Body[]][] = [
    [{ count: 0 }, []],
    [{ count: 1 }, [aristotle]],
    [{ count: 2 }, [aristotle, plato]],
    [{ count: 4 }, INSTANCES],
    [{ skip: 1 }, [plato, socrates]],
    [{ skip: 3 }, []],
    [{ skip: 4 }, []],
    [{ count: 0, skip: 3 }, []],
    [{ count: 2, skip: 2 }, [socrates]],
    [{ count: 1, skip: 1 }, [plato]],
  ];
  it.each(cases)('pages with %j', async (params, expected) => {
    expect((await get({ ...params, as_list: true })).body).toEqual(expected.map((p) => out(p)));
    expect((await getWithBody({ ...params, as_list: true })).body).toEqual(expected.map((p) => out(p)));
  });
});

describe('Document get: selection', () => {
  it('gets one document by id as a bare object', async () => {
    expect(await db.get('Person/Plato')).toEqual(out(plato));
  });

  it('gets one document by full IRI', async () => {
    expect(await db.get('terminusdb:///data/Person/Plato')).toEqual(out(plato));
  });

  it('answers an unknown id with 404 DocumentNotFound', async () => {
    const res = await get({ id: 'Person/Nobody' });
    expectApiError(res, 404, 'api:GetDocumentErrorResponse', {
      '@type': 'api:DocumentNotFound',
      'api:document_id': 'Person/Nobody',
    });
  });

  it('answers an unknown id with [] when as_list=true', async () => {
    const res = await get({ id: 'Person/Nobody', as_list: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('gets several documents with ids', async () => {
    const res = await get({ ids: JSON.stringify(['Person/Socrates', 'Person/Aristotle']), as_list: true });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body).toEqual(expect.arrayContaining([out(socrates), out(aristotle)]));
  });

  it('gives the same result for type and a query with @type', async () => {
    expect((await get({ type: 'Person', as_list: true })).body).toEqual(INSTANCES.map((p) => out(p)));
    expect((await getWithBody({ query: { '@type': 'Person' }, as_list: true })).body).toEqual(
      INSTANCES.map((p) => out(p)),
    );
  });

  it('writes full IRIs with compress_ids=false or prefixed=false', async () => {
    const full = INSTANCES.map((p) => out(p, true));
    expect((await get({ as_list: true, prefixed: false })).body).toEqual(full);
    expect((await get({ as_list: true, compress_ids: false })).body).toEqual(full);
    expect((await getWithBody({ as_list: true, compress_ids: false }, { prefixed: true })).body).toEqual(full);
  });

  it('answers an unknown branch with UnresolvableAbsoluteDescriptor', async () => {
    const res = await target.request('GET', `/api/document/${db.path}/local/branch/nope`);
    expectApiError(res, 404, 'api:GetDocumentErrorResponse', {
      '@type': 'api:UnresolvableAbsoluteDescriptor',
      'api:absolute_descriptor': `${db.path}/local/branch/nope`,
    });
  });
});

describe('Document get: query by example', () => {
  it.each([
    [{ name: 'Plato' }, plato],
    [{ age: 71 }, socrates],
    [{ order: 3 }, aristotle],
    [{ age: '80' }, plato],
  ])('matches %j', async (query, expected) => {
    const found = await db.client.getDocument({ query: { '@type': 'Person', ...query }, as_list: true }, db.name);
    expect(found).toEqual([out(expected)]);
  });

  it('refuses a query without a type', async () => {
    const res = await getWithBody({ query: { name: 'Plato' } });
    expectApiError(res, 400, 'api:GetDocumentErrorResponse', { '@type': 'api:QueryMissingType' });
  });

  it('matches by regex on strings', async () => {
    const found = await db.client.getDocument(
      { query: { '@type': 'Person', name: { '@regex': '^S' } }, as_list: true },
      db.name,
    );
    expect(found).toEqual([out(socrates)]);
  });
});

describe('Document get: bad parameter types', () => {
  // document-get.js 'fails for bad parameter type'
  const cases: [{ queryString?: string; body?: string }, string, string, unknown][] = [
    [{ queryString: 'as_list=7' }, 'as_list', 'boolean (true, false)', '7'],
    [{ body: '{"as_list":"wrong"}' }, 'as_list', 'boolean (true, false)', 'wrong'],
    [{ queryString: 'compress_ids=null' }, 'compress_ids', 'boolean (true, false)', null],
    [{ queryString: 'compress_ids=abc' }, 'compress_ids', 'boolean (true, false)', 'abc'],
    [{ body: '{"prefixed":1}' }, 'prefixed', 'boolean (true, false)', 1],
    [{ queryString: 'unfold=' }, 'unfold', 'boolean (true, false)', ''],
    [{ body: '{"unfold":"false"}' }, 'unfold', 'boolean (true, false)', 'false'],
    [{ queryString: 'minimized="3"' }, 'minimized', 'boolean (true, false)', '"3"'],
    [{ body: '{"minimized":0}' }, 'minimized', 'boolean (true, false)', 0],
    [{ queryString: 'skip=true' }, 'skip', 'non-negative integer', true],
    [{ body: '{"skip":[]}' }, 'skip', 'non-negative integer', []],
    [{ body: '{"skip":-1000}' }, 'skip', 'non-negative integer', -1000],
    [{ queryString: 'count=%20' }, 'count', 'non-negative integer', ' '],
    [{ queryString: 'count=-1' }, 'count', 'non-negative integer', '-1'],
    [{ body: '{"count":{}}' }, 'count', 'non-negative integer', {}],
    [{ queryString: 'id=' }, 'id', 'non-empty string', ''],
    [{ body: '{"id":""}' }, 'id', 'non-empty string', ''],
    [{ body: '{"id":null}' }, 'id', 'non-empty string', null],
    [{ queryString: 'type=' }, 'type', 'non-empty string', ''],
    [{ body: '{"type":19}' }, 'type', 'non-empty string', 19],
    [{ body: '{"type":false}' }, 'type', 'non-empty string', false],
    [{ body: '{"query":null}' }, 'query', 'object', null],
    [{ body: '{"query":82}' }, 'query', 'object', 82],
    [{ queryString: 'graph_type=' }, 'graph_type', 'graph (schema, instance)', ''],
    [{ queryString: 'graph_type=bla' }, 'graph_type', 'graph (schema, instance)', 'bla'],
    [{ body: '{"graph_type":123}' }, 'graph_type', 'graph (schema, instance)', 123],
    [{ body: '{"graph_type":null}' }, 'graph_type', 'graph (schema, instance)', null],
    [{ body: '{"graph_type":"schemas"}' }, 'graph_type', 'graph (schema, instance)', 'schemas'],
  ];
  it.each(cases)('%j → %s', async (option, parameter, expectedType, value) => {
    const res =
      option.body === undefined
        ? await target.request('GET', url(), { queryString: option.queryString ?? '' })
        : await target.request('POST', url(), {
            raw: option.body,
            headers: { 'Content-Type': 'application/json', 'X-HTTP-Method-Override': 'GET' },
          });
    expectApiError(res, 400, 'api:GetDocumentErrorResponse', {
      '@type': 'api:BadParameterType',
      'api:parameter': parameter,
      'api:expected_type': expectedType,
      'api:value': value,
    });
  });
});
