// GET /api/document: subclasses, unfold, Set/Optional fields and their queries.
// Sources: TerminusDB tests/test/document-get.js ('queries field of type Set/Optional'); reference §4.2, §4.3, §5.3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const SCHEMA = [
  { '@id': 'Person', '@type': 'Class', '@key': { '@type': 'Lexical', '@fields': ['name'] }, name: 'xsd:string', age: 'xsd:decimal' },
  { '@id': 'Group', '@type': 'Class', people: { '@type': 'Set', '@class': 'Person' } },
  { '@id': 'Friendship', '@type': 'Class', friend: { '@type': 'Optional', '@class': 'Person' } },
  { '@id': 'Animal', '@type': 'Class', '@abstract': [], name: 'xsd:string' },
  { '@id': 'Dog', '@type': 'Class', '@inherits': 'Animal' },
  { '@id': 'Puppy', '@type': 'Class', '@inherits': 'Dog' },
  { '@id': 'Cat', '@type': 'Class', '@inherits': 'Animal' },
  { '@id': 'Wheel', '@type': 'Class', '@subdocument': [], '@key': { '@type': 'Lexical', '@fields': ['pos'] }, pos: 'xsd:string' },
  { '@id': 'Car', '@type': 'Class', wheel: 'Wheel' },
];
const kant = { '@type': 'Person', name: 'Immanuel Kant', age: 79 };
const popper = { '@type': 'Person', name: 'Karl Popper', age: 92 };
const godel = { '@type': 'Person', name: 'Kurt Gödel', age: 71 };

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema(SCHEMA);
  await db.insert([
    { '@id': 'Group/0', '@type': 'Group', people: [kant, popper, godel] },
    { '@id': 'Group/1', '@type': 'Group', people: [] },
    { '@id': 'Group/2', '@type': 'Group' },
  ]);
  await db.insert([
    { '@id': 'Friendship/0', '@type': 'Friendship', friend: 'Person/Immanuel%20Kant' },
    { '@id': 'Friendship/1', '@type': 'Friendship' },
  ]);
  await db.insert([
    { '@id': 'Dog/rex', '@type': 'Dog', name: 'Rex' },
    { '@id': 'Puppy/bit', '@type': 'Puppy', name: 'Bit' },
    { '@id': 'Cat/tom', '@type': 'Cat', name: 'Tom' },
  ]);
  await db.insert({ '@id': 'Car/c1', '@type': 'Car', wheel: { '@type': 'Wheel', pos: 'front' } });
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

describe('Document get: Set and Optional fields', () => {
  it('writes sets as arrays of ids and omits empty sets', async () => {
    // document-get.js: people become encodeURI(type/name); [] and absent both come back without the key.
    const groups = await db.list({ type: 'Group' });
    expect(groups).toHaveLength(3);
    expect(groups).toEqual(
      expect.arrayContaining([
        { '@id': 'Group/0', '@type': 'Group', people: expect.arrayContaining(['Person/Immanuel%20Kant', 'Person/Karl%20Popper', 'Person/Kurt%20G%C3%B6del']) },
        { '@id': 'Group/1', '@type': 'Group' },
        { '@id': 'Group/2', '@type': 'Group' },
      ]),
    );
    expect(groups.find((g) => g['@id'] === 'Group/0').people).toHaveLength(3);
  });

  it('writes a present Optional link and omits an absent one', async () => {
    expect(await db.list({ type: 'Friendship' })).toEqual([
      { '@id': 'Friendship/0', '@type': 'Friendship', friend: 'Person/Immanuel%20Kant' },
      { '@id': 'Friendship/1', '@type': 'Friendship' },
    ]);
  });

  it('queries documents that were inserted nested', async () => {
    const found = await db.client.getDocument({ query: { '@type': 'Person', age: 71 }, as_list: true }, db.name);
    expect(found).toEqual([{ '@id': 'Person/Kurt%20G%C3%B6del', '@type': 'Person', name: 'Kurt Gödel', age: 71 }]);
  });

  it('matches absence of an Optional field with null', async () => {
    const found = await db.client.getDocument({ query: { '@type': 'Friendship', friend: null }, as_list: true }, db.name);
    expect(found).toEqual([{ '@id': 'Friendship/1', '@type': 'Friendship' }]);
  });
});

describe('Document get: subclasses', () => {
  it('includes instances of all subclasses in type=', async () => {
    const animals = await db.list({ type: 'Animal' });
    expect(animals.map((a) => a['@id']).sort()).toEqual(['Cat/tom', 'Dog/rex', 'Puppy/bit']);
    const dogs = await db.list({ type: 'Dog' });
    expect(dogs.map((a) => a['@id']).sort()).toEqual(['Dog/rex', 'Puppy/bit']);
  });

  it('matches subclasses in a query on the supertype', async () => {
    const found = await db.client.getDocument({ query: { '@type': 'Animal', name: 'Bit' }, as_list: true }, db.name);
    expect(found).toEqual([{ '@id': 'Puppy/bit', '@type': 'Puppy', name: 'Bit' }]);
  });
});

describe('Document get: unfold', () => {
  it('embeds subdocuments by default', async () => {
    expect(await db.get('Car/c1')).toEqual({
      '@id': 'Car/c1',
      '@type': 'Car',
      wheel: { '@id': 'Car/c1/wheel/Wheel/front', '@type': 'Wheel', pos: 'front' },
    });
  });

  it('writes subdocuments as ids with unfold=false', async () => {
    expect(await db.get('Car/c1', { unfold: false })).toEqual({
      '@id': 'Car/c1',
      '@type': 'Car',
      wheel: 'Car/c1/wheel/Wheel/front',
    });
  });
});
