// POST /api/document: insert.
// Sources: TerminusDB tests/test/document-auth.js ('document' suite), response-headers.js; reference §4.4, §5.1-5.5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { contracted, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const PERSON = {
  '@id': 'Person',
  '@type': 'Class',
  '@key': { '@type': 'Lexical', '@fields': ['name'] },
  name: 'xsd:string',
  age: { '@type': 'Optional', '@class': 'xsd:decimal' },
  friend: { '@type': 'Optional', '@class': 'Person' },
};
const NOTE = { '@id': 'Note', '@type': 'Class', text: 'xsd:string', about: { '@type': 'Optional', '@class': 'Person' } };
const PART = {
  '@id': 'Part',
  '@type': 'Class',
  '@subdocument': [],
  '@key': { '@type': 'Random' },
  label: 'xsd:string',
};
const MACHINE = { '@id': 'Machine', '@type': 'Class', part: { '@type': 'Optional', '@class': 'Part' } };

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema([PERSON, NOTE, PART, MACHINE]);
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

const docUrl = (): string => `/api/document/${db.path}`;
const post = (raw: string, query: Record<string, string | boolean> = {}) =>
  target.request('POST', docUrl(), {
    query: { author: 'a', message: 'm', ...query },
    raw,
    headers: { 'Content-Type': 'application/json' },
  });

describe('Document insert', () => {
  it('never reads document properties as request parameters', async () => {
    await db.insertSchema({ '@type': 'Class', '@id': 'Param', '@key': { '@type': 'Lexical', '@fields': ['id'] }, id: 'xsd:string', graph_type: 'xsd:string', count: 'xsd:string' });
    const ids = await db.insert({ '@type': 'Param', id: 'p1', graph_type: 'not a graph', count: 'many' });
    expect(ids).toEqual(['terminusdb:///data/Param/p1']);
    expect(await db.get('Param/p1')).toEqual({ '@id': 'Param/p1', '@type': 'Param', id: 'p1', graph_type: 'not a graph', count: 'many' });
  });

  it('answers the full IRIs of the inserted documents in order', async () => {
    const ids = await db.insert([
      { '@type': 'Person', name: 'Zeno' },
      { '@type': 'Person', name: 'Anaximander' },
    ]);
    expect(ids).toEqual(['terminusdb:///data/Person/Zeno', 'terminusdb:///data/Person/Anaximander']);
  });

  it('sets TerminusDB-Data-Version to the new branch head', async () => {
    const res = await post(JSON.stringify({ '@type': 'Note', '@id': 'Note/dv', text: 'x' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('terminusdb-data-version')).toMatch(/^branch:[0-9a-z]+$/);
    expect(res.headers.get('terminusdb-data-version')).toBe(`branch:${await db.head()}`);
  });

  it('accepts a stream of concatenated values and flattens arrays', async () => {
    const a = { '@type': 'Note', '@id': 'Note/s1', text: '1' };
    const b = { '@type': 'Note', '@id': 'Note/s2', text: '2' };
    const c = { '@type': 'Note', '@id': 'Note/s3', text: '3' };
    const res = await post(`${JSON.stringify([a, b])}\n${JSON.stringify(c)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(['terminusdb:///data/Note/s1', 'terminusdb:///data/Note/s2', 'terminusdb:///data/Note/s3']);
  });

  it('accepts an empty body and inserts nothing', async () => {
    const res = await post('');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('requires author, then message', async () => {
    // document-auth.js 'fails with missing parameter'
    const noAuthor = await target.request('POST', docUrl(), { json: [] });
    expectApiError(noAuthor, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:MissingParameter',
      'api:parameter': 'author',
    });
    expect(noAuthor.body['api:message']).toBe('Missing parameter: author');
    const noMessage = await target.request('POST', docUrl(), { query: { author: 'a' }, json: [] });
    expectApiError(noMessage, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:MissingParameter',
      'api:parameter': 'message',
    });
  });

  it('refuses an existing id with DocumentIdAlreadyExists', async () => {
    await db.insert({ '@type': 'Person', name: 'Thales' });
    const res = await failure(db.insert({ '@type': 'Person', name: 'Thales' }));
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:DocumentIdAlreadyExists',
      'api:document_id': 'terminusdb:///data/Person/Thales',
    });
  });

  it('refuses the same id twice in one request', async () => {
    const doc = { '@type': 'Note', '@id': 'Note/twice', text: 't' };
    const res = await failure(db.insert([doc, doc]));
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:SameDocumentIdsMutatedInOneTransaction',
      'api:duplicate_ids': ['terminusdb:///data/Note/twice'],
    });
  });

  it('refuses a boolean for an xsd:string field (#515)', async () => {
    for (const value of [false, true]) {
      const res = await failure(db.insert({ '@type': 'Note', text: value }));
      expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
        '@type': 'api:UnexpectedBooleanValue',
        'api:value': value,
        'api:expected_type': 'http://www.w3.org/2001/XMLSchema#string',
      });
    }
  });

  it('refuses a top-level subdocument without @linked-by', async () => {
    const res = await failure(db.insert({ '@type': 'Part', label: 'loose' }));
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', { '@type': 'api:InsertedSubdocumentAsDocument' });
  });

  it('refuses an undeclared prefix in an id', async () => {
    // document-auth.js 'fails gracefully with bad key prefix'
    const res = await failure(db.insert({ '@type': 'foo:Bar' }));
    expect(res.status).toBe(400);
    expect(res.body['api:error']['api:key']).toBe('foo:Bar');
  });

  it('refuses strings starting with the reserved number marker', async () => {
    const res = await failure(db.insert({ '@type': 'Note', text: '__TERMINUS_NUM__1' }));
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:ReservedMarkerInString',
      'api:marker': '__TERMINUS_NUM__',
    });
  });
});

describe('Document insert links', () => {
  it('accepts a link as id string, {@id} and {@id, @type: @id} (#622)', async () => {
    await db.insert({ '@type': 'Person', name: 'Solon' });
    const ids = await db.insert([
      { '@type': 'Note', '@id': 'Note/l1', text: 'a', about: 'Person/Solon' },
      { '@type': 'Note', '@id': 'Note/l2', text: 'b', about: { '@id': 'Person/Solon' } },
      { '@type': 'Note', '@id': 'Note/l3', text: 'c', about: { '@id': 'terminusdb:///data/Person/Solon', '@type': '@id' } },
    ]);
    expect(ids).toHaveLength(3);
    const notes = await db.list({ id: 'Note/l3' });
    expect(notes).toEqual([{ '@id': 'Note/l3', '@type': 'Note', text: 'c', about: 'Person/Solon' }]);
  });

  it('inserts a nested document given as an object', async () => {
    await db.insert({ '@type': 'Note', '@id': 'Note/nested', text: 'n', about: { '@type': 'Person', name: 'Pythagoras' } });
    expect(await db.get('Person/Pythagoras')).toEqual({ '@id': 'Person/Pythagoras', '@type': 'Person', name: 'Pythagoras' });
  });

  it('resolves @ref to a @capture of the same request', async () => {
    await db.insert([
      { '@type': 'Person', '@capture': 'h', name: 'Heraclitus', friend: { '@ref': 'p' } },
      { '@type': 'Person', '@capture': 'p', name: 'Parmenides', friend: { '@ref': 'h' } },
    ]);
    expect(await db.get('Person/Heraclitus')).toEqual({
      '@id': 'Person/Heraclitus',
      '@type': 'Person',
      name: 'Heraclitus',
      friend: 'Person/Parmenides',
    });
  });

  it('refuses an unresolved @ref with NotAllCapturesFound', async () => {
    const res = await failure(db.insert({ '@type': 'Person', name: 'Empedocles', friend: { '@ref': 'nobody' } }));
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:NotAllCapturesFound',
      'api:captures': ['nobody'],
    });
  });

  it('inserts a top-level subdocument with @linked-by', async () => {
    await db.insert({ '@type': 'Machine', '@id': 'Machine/m1' });
    const [partId] = await db.insert({
      '@type': 'Part',
      label: 'gear',
      '@linked-by': { '@id': 'Machine/m1', '@property': 'part' },
    });
    expect(partId).toMatch(/^terminusdb:\/\/\/data\/Machine\/m1\/part\/Part\/[A-Za-z0-9_-]{16}$/);
    const machine = await db.get('Machine/m1');
    expect(machine.part).toEqual({ '@id': contracted(partId), '@type': 'Part', label: 'gear' });
  });
});

describe('Raw JSON insert', () => {
  it('stores arbitrary JSON under JSONDocument/', async () => {
    const [id] = await db.insert({ text: 'free', nested: { n: [1, 2] } }, { raw_json: true });
    expect(id).toMatch(/^terminusdb:\/\/\/data\/JSONDocument\/.{16}$/);
    const [doc] = await db.list({ id: contracted(id) });
    expect(doc).toMatchObject({ text: 'free', nested: { n: [1, 2] } });
    expect(doc['@type']).toBeUndefined();
  });

  it('is refused for the schema graph', async () => {
    const res = await post(JSON.stringify({ a: 1 }), { raw_json: true, graph_type: 'schema' });
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:DocumentInsertionRawJSONSchemaDisallowed',
    });
  });
});

describe('Schema insert', () => {
  it('refuses @context outside a full replace', async () => {
    const res = await post(JSON.stringify({ '@type': '@context', '@base': 'terminusdb:///data/' }), {
      graph_type: 'schema',
    });
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', { '@type': 'api:InsertingContext' });
  });

  it('refuses a full replace without @context first', async () => {
    const res = await post(JSON.stringify({ '@type': 'Class', '@id': 'Lonely' }), {
      graph_type: 'schema',
      full_replace: true,
    });
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', { '@type': 'api:NoContextFoundInSchema' });
  });

  it('answers the class ids (short) for schema inserts', async () => {
    const ids = await db.insertSchema([
      { '@type': 'Class', '@id': 'ShortA' },
      { '@type': 'Class', '@id': 'ShortB' },
    ]);
    expect(ids).toEqual(['ShortA', 'ShortB']);
  });

  it('replaces the whole schema with full_replace', async () => {
    await using fresh = await target.withDatabase();
    await fresh.insertSchema({ '@type': 'Class', '@id': 'Old' });
    const context = { '@type': '@context', '@base': 'terminusdb:///data/', '@schema': 'terminusdb:///schema#' };
    const ids = await fresh.client.addDocument(
      [context, { '@type': 'Class', '@id': 'New' }],
      { graph_type: 'schema', full_replace: true },
      fresh.name,
    );
    expect(ids).toEqual(['New']);
    expect(await fresh.client.getSchema(fresh.name)).toEqual([context, { '@type': 'Class', '@id': 'New' }]);
  });
});
