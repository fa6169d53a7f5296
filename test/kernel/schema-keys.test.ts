// Key strategies and generated ids (Lexical, Hash, Random, ValueHash, none, @base, subdocuments) and key errors.
// Sources: TerminusDB tests/test/document-auth.js (key checks #566 #587 #727, #705), tests/lib/api/error.js;
// reference §5.4.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { randomName, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const INSERT_ERROR = 'api:InsertDocumentErrorResponse';

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema([
    { '@type': 'Class', '@id': 'Person', '@key': { '@type': 'Lexical', '@fields': ['first', 'last'] }, first: 'xsd:string', last: 'xsd:string' },
    { '@type': 'Class', '@id': 'Employee', '@key': { '@type': 'Hash', '@fields': ['name', 'dob'] }, name: 'xsd:string', dob: 'xsd:date' },
    { '@type': 'Class', '@id': 'Ticket', '@key': { '@type': 'Random' } },
    { '@type': 'Class', '@id': 'Point', '@key': { '@type': 'ValueHash' }, x: 'xsd:integer', y: 'xsd:integer' },
    { '@type': 'Class', '@id': 'Loose', v: { '@type': 'Optional', '@class': 'xsd:string' } },
    { '@type': 'Class', '@id': 'Based', '@base': 'B/', '@key': { '@type': 'Lexical', '@fields': ['k'] }, k: 'xsd:string' },
    { '@type': 'Class', '@id': 'Tag', '@key': { '@type': 'Lexical', '@fields': ['t'] }, t: 'xsd:string', note: { '@type': 'Optional', '@class': 'xsd:string' } },
    { '@type': 'Class', '@id': 'Line', '@subdocument': [], '@key': { '@type': 'Lexical', '@fields': ['n'] }, n: 'xsd:integer' },
    { '@type': 'Class', '@id': 'Order', '@key': { '@type': 'Lexical', '@fields': ['code'] }, code: 'xsd:string', lines: { '@type': 'List', '@class': 'Line' }, main: { '@type': 'Optional', '@class': 'Line' } },
  ]);
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

describe('Lexical keys', () => {
  it('joins the key fields with + after percent-encoding each', async () => {
    const ids = await db.insert({ '@type': 'Person', first: 'Immanuel', last: 'Kant' });
    expect(ids).toEqual(['terminusdb:///data/Person/Immanuel+Kant']);
  });

  it('escapes spaces, slashes and literal + in values', async () => {
    const ids = await db.insert([
      { '@type': 'Tag', t: 'a b' },
      { '@type': 'Tag', t: 'X/1' },
      { '@type': 'Tag', t: 'c+d' },
    ]);
    expect(ids).toEqual(['terminusdb:///data/Tag/a%20b', 'terminusdb:///data/Tag/X%2F1', 'terminusdb:///data/Tag/c%2Bd']);
  });

  it('uses the class @base instead of the class name', async () => {
    expect(await db.insert({ '@type': 'Based', k: 'one' })).toEqual(['terminusdb:///data/B/one']);
  });

  it('refuses a submitted @id different from the generated one', async () => {
    const res = await failure(db.insert({ '@type': 'Tag', '@id': 'Tag/other', t: 'mismatch' }));
    expectApiError(res, 400, INSERT_ERROR, {
      '@type': 'api:SubmittedIdDoesNotMatchGeneratedId',
      'api:submitted_id': 'terminusdb:///data/Tag/other',
      'api:generated_id': 'terminusdb:///data/Tag/mismatch',
    });
  });

  it('accepts a submitted @id equal to the generated one', async () => {
    expect(await db.insert({ '@type': 'Tag', '@id': 'Tag/same', t: 'same' })).toEqual(['terminusdb:///data/Tag/same']);
  });

  it('refuses a missing key field with RequiredKeyFieldMissing', async () => {
    const res = await failure(db.insert({ '@type': 'Tag', note: 'no key' }));
    expectApiError(res, 400, INSERT_ERROR, { '@type': 'api:RequiredKeyFieldMissing', 'api:field': 't' });
  });

  it('prefixes subdocument ids with parent id, property and list index', async () => {
    await db.insert({ '@type': 'Order', code: 'o1', lines: [{ '@type': 'Line', n: 7 }], main: { '@type': 'Line', n: 8 } });
    const order = await db.get('Order/o1');
    expect(order.lines[0]['@id']).toBe('Order/o1/lines/0/Line/7');
    expect(order.main['@id']).toBe('Order/o1/main/Line/8');
  });
});

describe('Hash keys', () => {
  it('hashes the joined key values with sha256 (jane, 1979-12-28)', async () => {
    const ids = await db.insert({ '@type': 'Employee', name: 'jane', dob: '1979-12-28' });
    expect(ids).toEqual([`terminusdb:///data/Employee/${sha256('jane+1979-12-28')}`]);
    expect(ids[0]).toMatch(/\/0eda88cd[0-9a-f]{52}2e41$/);
  });
});

describe('Random and absent keys', () => {
  it('generates 16 random characters under the class name', async () => {
    const [a, b] = await db.insert([{ '@type': 'Ticket' }, { '@type': 'Ticket' }]);
    expect(a).toMatch(/^terminusdb:\/\/\/data\/Ticket\/[A-Za-z0-9_-]{16}$/);
    expect(b).toMatch(/^terminusdb:\/\/\/data\/Ticket\/[A-Za-z0-9_-]{16}$/);
    expect(a).not.toBe(b);
  });

  it('generates a random id for a class without @key', async () => {
    const [id] = await db.insert({ '@type': 'Loose' });
    expect(id).toMatch(/^terminusdb:\/\/\/data\/Loose\/[A-Za-z0-9_-]{16}$/);
  });

  it('accepts a submitted id under the class name for a class without @key', async () => {
    expect(await db.insert({ '@type': 'Loose', '@id': 'Loose/mine' })).toEqual(['terminusdb:///data/Loose/mine']);
  });

  it('refuses a submitted id outside the class base', async () => {
    const res = await failure(db.insert({ '@type': 'Loose', '@id': 'Elsewhere/x' }));
    expectApiError(res, 400, INSERT_ERROR, { '@type': 'api:SubmittedDocumentIdDoesNotHaveExpectedPrefix' });
  });
});

describe('ValueHash keys', () => {
  it('gives identical content the identical sha256-shaped id', async () => {
    const [a] = await db.insert({ '@type': 'Point', x: 1, y: 2 });
    const [b] = await db.insert({ '@type': 'Point', x: 1, y: 2 });
    const [c] = await db.insert({ '@type': 'Point', x: 2, y: 1 });
    expect(a).toMatch(/^terminusdb:\/\/\/data\/Point\/[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe('Key schema errors', () => {
  // document-auth.js / tests/lib/api/error.js
  const insertClass = (schema: object) => failure(db.insertSchema(schema));

  it('requires a @key on subdocuments (#566)', async () => {
    const schema = { '@type': 'Class', '@id': randomName('S'), '@subdocument': [] };
    expectApiError(await insertClass(schema), 400, INSERT_ERROR, { '@type': 'api:SubdocumentKeyMissing', 'api:document': schema });
  });

  it('requires a @type in @key (#566)', async () => {
    const schema = { '@type': 'Class', '@id': randomName('S'), '@subdocument': [], '@key': { useless_key: 'useless_value' } };
    const res = await insertClass(schema);
    expectApiError(res, 400, INSERT_ERROR, { '@type': 'api:DocumentKeyTypeMissing', 'api:document': schema });
    expect(JSON.parse(res.body['api:error']['api:key'])).toEqual(schema['@key']);
  });

  it('refuses an unknown key type (#566)', async () => {
    const schema = { '@type': 'Class', '@id': randomName('S'), '@key': { '@type': 'Unknown' } };
    expectApiError(await insertClass(schema), 400, INSERT_ERROR, {
      '@type': 'api:DocumentKeyTypeUnknown',
      'api:key_type': 'Unknown',
      'api:document': schema,
    });
  });

  it('refuses a @key that is not an object (#587)', async () => {
    const schema = { '@id': randomName('S'), '@type': 'Class', '@key': false };
    expectApiError(await insertClass(schema), 400, INSERT_ERROR, {
      '@type': 'api:DocumentKeyNotObject',
      'api:key_value': false,
      'api:document': schema,
    });
  });

  describe.each(['Hash', 'Lexical'])('%s @fields', (keyType) => {
    it('must be present', async () => {
      const schema = { '@type': 'Class', '@id': randomName('S'), '@key': { '@type': keyType } };
      expectApiError(await insertClass(schema), 400, INSERT_ERROR, {
        '@type': 'api:KeyMissingFields',
        'api:key_type': keyType,
        'api:document': schema,
      });
    });

    it('must be an array', async () => {
      const schema = { '@type': 'Class', '@id': randomName('S'), '@key': { '@type': keyType, '@fields': { key: 'value' } } };
      expectApiError(await insertClass(schema), 400, INSERT_ERROR, {
        '@type': 'api:KeyFieldsNotAnArray',
        'api:fields': { key: 'value' },
        'api:document': schema,
      });
    });

    it('must not be empty (#727)', async () => {
      const schema = { '@type': 'Class', '@id': randomName('S'), '@key': { '@type': keyType, '@fields': [] } };
      expectApiError(await insertClass(schema), 400, INSERT_ERROR, { '@type': 'api:KeyFieldsIsEmpty', 'api:document': schema });
    });
  });
});
