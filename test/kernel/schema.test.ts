// The schema language: class documents and their round trip, type families, enums, tagged unions, Foreign,
// sys:JSON, datatypes, documentation/metadata, schema changes checked against instances.
// Sources: TerminusDB tests/test/document-auth.js (#647, #670, #1041, #723, reserved names, @id round trip),
// compression.js (round trip); reference §6.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, expectWitnessOfType, failure } from './expectations.js';
import { contracted, randomName, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const INSERT_ERROR = 'api:InsertDocumentErrorResponse';

beforeAll(async () => {
  db = await target.withDatabase();
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

const roundTrip = async (schema: Record<string, unknown> & { '@id': string }): Promise<unknown> => {
  await db.insertSchema(schema);
  return db.get(schema['@id'], { graph_type: 'schema' });
};

describe('Class documents', () => {
  it.each(['false', 'true', 'null', '8', '[]', '{}', '/', '逆手道'])('round-trips the class id %j', async (id) => {
    // document-auth.js 'inserts, queries, and deletes schema with @id'
    const schema = { '@id': id, '@type': 'Class' };
    await db.insertSchema(schema);
    const res = await target.request('GET', `/api/document/${db.path}`, { query: { graph_type: 'schema', id } });
    await db.client.deleteDocument({ id, graph_type: 'schema' }, db.name, 'drop');
    expect(res.body).toEqual(schema);
  });

  it.each([[''], [13], [{}], [['b']], [false], [true], [null]])('refuses the @id/@type value %j (#647)', async (bad) => {
    const badId = { '@id': bad, '@type': 'Class' };
    expectApiError(await failure(db.insertSchema(badId)), 400, INSERT_ERROR, {
      '@type': 'api:BadFieldValue',
      'api:field': '@id',
      'api:value': bad,
      'api:document': badId,
    });
    const badType = { '@id': randomName('C'), '@type': bad };
    expectApiError(await failure(db.insertSchema(badType)), 400, INSERT_ERROR, {
      '@type': 'api:BadFieldValue',
      'api:field': '@type',
      'api:value': bad,
      'api:document': badType,
    });
  });

  it('refuses a class without @id or @type with MissingField', async () => {
    const noId = { '@type': 'Class' };
    expectApiError(await failure(db.insertSchema(noId)), 400, INSERT_ERROR, {
      '@type': 'api:MissingField',
      'api:field': '@id',
      'api:document': noId,
    });
    const noType = { '@id': randomName('C') };
    expectApiError(await failure(db.insertSchema(noType)), 400, INSERT_ERROR, {
      '@type': 'api:MissingField',
      'api:field': '@type',
      'api:document': noType,
    });
  });

  it.each(['JSONDocument', 'terminusdb:///schema#JSONDocument'])('refuses the reserved class name %s', async (id) => {
    expectApiError(await failure(db.insertSchema({ '@type': 'Class', '@id': id })), 400, INSERT_ERROR, {
      '@type': 'api:DocumentInsertionReservedName',
      'api:id': id,
    });
  });

  it('refuses an existing class id with DocumentIdAlreadyExists', async () => {
    const id = randomName('C');
    await db.insertSchema({ '@type': 'Class', '@id': id });
    expectApiError(await failure(db.insertSchema({ '@type': 'Class', '@id': id })), 400, INSERT_ERROR, {
      '@type': 'api:DocumentIdAlreadyExists',
      'api:document_id': id,
    });
  });

  it('refuses sys:JSONDocument as a property range', async () => {
    const res = await failure(db.insertSchema({ '@type': 'Class', '@id': randomName('C'), json_document: 'sys:JSONDocument' }));
    expect(res.status).toBe(400);
    expect(res.body['api:error']['api:field']).toBe('json_document');
  });

  it('round-trips a subdocument class with @documentation (#670)', async () => {
    const schema = {
      '@id': randomName('C'),
      '@type': 'Class',
      '@subdocument': [],
      '@key': { '@type': 'Random' },
      '@documentation': { '@comment': 'A random subdocument number?', '@properties': { n: 'A number!' } },
      n: 'xsd:integer',
    };
    expect(await roundTrip(schema)).toEqual(schema);
  });

  it('round-trips @documentation without @comment and Enum @values documentation (#1041)', async () => {
    const schema = [
      { '@id': randomName('C'), '@type': 'Class', '@documentation': { '@properties': { n: 'A number!' } }, n: 'xsd:integer' },
      { '@id': randomName('E'), '@type': 'Enum', '@documentation': { '@values': { i: 'An item?' } }, '@value': ['i'] },
    ];
    await db.insertSchema(schema);
    expect(await db.list({ graph_type: 'schema' })).toEqual(expect.arrayContaining(schema));
  });

  it('round-trips @metadata verbatim', async () => {
    const schema = { '@id': randomName('C'), '@type': 'Class', '@metadata': { order: [1, 2], nested: { deep: true } }, a: 'xsd:string' };
    expect(await roundTrip(schema)).toEqual(schema);
  });

  it('round-trips the type families', async () => {
    const target2 = randomName('C');
    await db.insertSchema({ '@id': target2, '@type': 'Class' });
    const schema = {
      '@id': randomName('C'),
      '@type': 'Class',
      '@key': { '@type': 'Lexical', '@fields': ['req'] },
      req: 'xsd:string',
      opt: { '@type': 'Optional', '@class': 'xsd:integer' },
      set: { '@type': 'Set', '@class': target2 },
      list: { '@type': 'List', '@class': 'xsd:string' },
      arr: { '@type': 'Array', '@class': 'xsd:decimal', '@dimensions': 2 },
    };
    expect(await roundTrip(schema)).toEqual(schema);
  });

  it('refuses unknown @-prefixed keys in a class', async () => {
    const res = await failure(db.insertSchema({ '@id': randomName('C'), '@type': 'Class', '@bogus': 1 }));
    expectApiError(res, 400, INSERT_ERROR, { '@type': 'api:AtPrefixedPropertiesNotSupported', 'api:property': '@bogus' });
  });

  it('reports a range that is no class or datatype with not_a_class_or_base_type', async () => {
    const res = await failure(db.insertSchema({ '@id': randomName('C'), '@type': 'Class', p: 'NoSuchClass' }));
    expectWitnessOfType(res, INSERT_ERROR, 'not_a_class_or_base_type', { class: 'terminusdb:///schema#NoSuchClass' });
  });
});

describe('Inheritance', () => {
  it('gives subclasses the properties of their parents and returns one parent as a string', async () => {
    const base = randomName('Base');
    const sub = randomName('Sub');
    await db.insertSchema([
      { '@id': base, '@type': 'Class', '@abstract': [], name: 'xsd:string' },
      { '@id': sub, '@type': 'Class', '@inherits': [base], extra: 'xsd:integer' },
    ]);
    expect(await db.get(sub, { graph_type: 'schema' })).toEqual({ '@id': sub, '@type': 'Class', '@inherits': base, extra: 'xsd:integer' });
    const [id] = await db.insert({ '@type': sub, name: 'n', extra: 1 });
    expect(await db.get(contracted(id))).toMatchObject({ '@type': sub, name: 'n', extra: 1 });
  });
});

describe('Enums', () => {
  it('stores and returns the bare enum value', async () => {
    const colour = randomName('Colour');
    const cls = randomName('Paint');
    await db.insertSchema([
      { '@id': colour, '@type': 'Enum', '@value': ['red', 'dark green'] },
      { '@id': cls, '@type': 'Class', c: colour },
    ]);
    const [id] = await db.insert({ '@type': cls, c: 'dark green' });
    expect((await db.get(contracted(id))).c).toBe('dark green');
    expect(await db.get(colour, { graph_type: 'schema' })).toEqual({ '@id': colour, '@type': 'Enum', '@value': ['red', 'dark green'] });
  });

  it('refuses a value outside the enum', async () => {
    const colour = randomName('Colour');
    const cls = randomName('Paint');
    await db.insertSchema([
      { '@id': colour, '@type': 'Enum', '@value': ['red'] },
      { '@id': cls, '@type': 'Class', c: colour },
    ]);
    const res = await failure(db.insert({ '@type': cls, c: 'blue' }));
    expect(res.status).toBe(400);
    expect(res.body['@type']).toBe(INSERT_ERROR);
  });
});

describe('TaggedUnion and @oneOf', () => {
  it('accepts exactly one branch; sys:Unit is written []', async () => {
    const shape = randomName('Shape');
    await db.insertSchema({ '@id': shape, '@type': 'TaggedUnion', circle: 'xsd:decimal', none: 'sys:Unit' });
    const [a] = await db.insert({ '@type': shape, circle: 2 });
    const [b] = await db.insert({ '@type': shape, none: [] });
    expect(await db.get(contracted(a))).toMatchObject({ circle: 2 });
    const unit = await db.get(contracted(b));
    expect(unit.none).toEqual([]);
    expect(unit.circle).toBeUndefined();
  });

  it('refuses two branches with choice_has_too_many_answers', async () => {
    const shape = randomName('Shape');
    await db.insertSchema({ '@id': shape, '@type': 'TaggedUnion', circle: 'xsd:decimal', square: 'xsd:decimal' });
    const res = await failure(db.insert({ '@type': shape, circle: 1, square: 2 }));
    expectWitnessOfType(res, INSERT_ERROR, 'choice_has_too_many_answers');
  });

  it('returns a single @oneOf as an object', async () => {
    const schema = { '@id': randomName('C'), '@type': 'Class', '@oneOf': { a: 'xsd:string', b: 'xsd:integer' } };
    expect(await roundTrip(schema)).toEqual(schema);
  });

  it('succeeds with an Optional inherited next to a TaggedUnion (#992)', async () => {
    const [parent, choice, container] = [randomName('P'), randomName('Ch'), randomName('Co')];
    await db.insertSchema([
      { '@type': 'Class', '@id': parent, optional: { '@type': 'Optional', '@class': 'xsd:integer' } },
      { '@type': 'TaggedUnion', '@id': choice, '@key': { '@type': 'ValueHash' }, '@inherits': [parent], '@subdocument': [], integer: 'xsd:integer', boolean: 'xsd:boolean' },
      { '@type': 'Class', '@id': container, contains: { '@type': 'Set', '@class': parent } },
    ]);
    await expect(db.insert({ '@type': container, contains: [{ '@type': choice, integer: 12 }] })).resolves.toHaveLength(1);
  });
});

describe('Foreign and sys:JSON', () => {
  it('accepts any IRI for a Foreign range', async () => {
    const foreign = randomName('F');
    const cls = randomName('C');
    await db.insertSchema([
      { '@id': foreign, '@type': 'Foreign' },
      { '@id': cls, '@type': 'Class', ext: foreign },
    ]);
    const [id] = await db.insert({ '@type': cls, ext: 'http://example.com/somewhere/1' });
    expect((await db.get(contracted(id))).ext).toBe('http://example.com/somewhere/1');
  });

  it('stores sys:JSON values as given', async () => {
    const cls = randomName('C');
    await db.insertSchema({ '@id': cls, '@type': 'Class', data: 'sys:JSON' });
    const value = { a: [1, 'two', null, { b: false }], '@at': 'kept', n: 1.5 };
    const [id] = await db.insert({ '@type': cls, data: value });
    expect((await db.get(contracted(id))).data).toEqual(value);
  });
});

describe('Datatypes', () => {
  it('casts inputs and writes canonical outputs (#723)', async () => {
    const cls = randomName('C');
    await db.insertSchema({
      '@id': cls,
      '@type': 'Class',
      dec: 'xsd:decimal',
      int: 'xsd:integer',
      bt: 'xsd:boolean',
      bf: 'xsd:boolean',
      when: 'xsd:dateTime',
      day: 'xsd:date',
      text: 'xsd:string',
    });
    const [id] = await db.insert({
      '@type': cls,
      dec: '2.00',
      int: '42',
      bt: true,
      bf: false,
      when: '2021-03-04T05:06:07Z',
      day: '1979-12-28',
      text: 'hi',
    });
    expect(await db.get(contracted(id))).toEqual({
      '@id': contracted(id),
      '@type': cls,
      dec: 2,
      int: 42,
      bt: true,
      bf: false,
      when: '2021-03-04T05:06:07Z',
      day: '1979-12-28',
      text: 'hi',
    });
  });

  it.each([
    ['xsd:integer', 'abc'],
    ['xsd:decimal', 'not a number'],
    ['xsd:date', '1979-13-45'],
    ['xsd:boolean', 'maybe'],
  ])('refuses a value that does not cast to %s', async (type, value) => {
    const cls = randomName('C');
    await db.insertSchema({ '@id': cls, '@type': 'Class', v: type });
    const res = await failure(db.insert({ '@type': cls, v: value }));
    expect(res.status).toBe(400);
    expect(res.body['@type']).toBe(INSERT_ERROR);
  });
});

describe('Schema changes', () => {
  it('refuses a new required property while instances exist', async () => {
    const cls = randomName('C');
    await db.insertSchema({ '@id': cls, '@type': 'Class', a: 'xsd:string' });
    const [id] = await db.insert({ '@type': cls, a: 'x' });
    const res = await failure(
      db.client.updateDocument({ '@id': cls, '@type': 'Class', a: 'xsd:string', b: 'xsd:string' }, { graph_type: 'schema' }, db.name, 'add b'),
    );
    expectWitnessOfType(res, 'api:ReplaceDocumentErrorResponse', 'instance_not_cardinality_one', {
      instance: id,
      predicate: 'terminusdb:///schema#b',
    });
  });

  it('accepts a new Optional property while instances exist', async () => {
    const cls = randomName('C');
    await db.insertSchema({ '@id': cls, '@type': 'Class', a: 'xsd:string' });
    await db.insert({ '@type': cls, a: 'x' });
    const next = { '@id': cls, '@type': 'Class', a: 'xsd:string', b: { '@type': 'Optional', '@class': 'xsd:string' } };
    await db.client.updateDocument(next, { graph_type: 'schema' }, db.name, 'add optional b');
    expect(await db.get(cls, { graph_type: 'schema' })).toEqual(next);
  });
});
