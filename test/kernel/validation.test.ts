// Validation failures and their witnesses (reference §9.2), with exact witnesses where TerminusDB's tests pin them.
// Sources: TerminusDB tests/test/document-auth.js (#622, #623, #975, #1030, cardinality), tests/lib/api/error.js.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectWitnesses, expectWitnessOfType, failure } from './expectations.js';
import { randomName, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
let db: TestDatabase;

const INSERT_ERROR = 'api:InsertDocumentErrorResponse';
const S = 'terminusdb:///schema#';
const [card, min, max, minmax] = [randomName('Card'), randomName('Min'), randomName('Max'), randomName('MinMax')];
const cardinality = (extra: Record<string, number>) => ({ '@type': 'Cardinality', '@class': 'xsd:integer', ...extra });

beforeAll(async () => {
  db = await target.withDatabase();
  await db.insertSchema([
    { '@type': 'Class', '@id': card, a: cardinality({ '@cardinality': 1 }) },
    { '@type': 'Class', '@id': min, a: cardinality({ '@min_cardinality': 1 }) },
    { '@type': 'Class', '@id': max, a: cardinality({ '@max_cardinality': 2 }) },
    { '@type': 'Class', '@id': minmax, a: cardinality({ '@min_cardinality': 1, '@max_cardinality': 2 }) },
    { '@type': 'Class', '@id': 'Target' },
    { '@type': 'Class', '@id': 'Linker', ref: 'Target' },
    { '@type': 'Class', '@id': 'Str', s: 'xsd:string' },
    { '@type': 'Class', '@id': 'Arr', s: { '@type': 'Array', '@dimensions': 1, '@class': 'xsd:integer' } },
    { '@type': 'Class', '@id': 'Abstract', '@abstract': [] },
    { '@type': 'Class', '@id': 'Req', must: 'xsd:string' },
  ]);
});
afterAll(async () => {
  await db.delete();
  await target.close();
});

describe('Cardinality witnesses', () => {
  it('accepts documents within bounds', async () => {
    await db.insert([
      { '@type': card, a: [42] },
      { '@type': min, a: [42, 43] },
      { '@type': max, a: [42, 43] },
      { '@type': max },
      { '@type': minmax, a: [42, 43] },
    ]);
  });

  it.each([card, min, minmax])('reports required_field_does_not_exist_in_document under the minimum', async (type) => {
    const res = await failure(db.insert({ '@type': type }));
    expectWitnesses(res, INSERT_ERROR, [
      { '@type': 'required_field_does_not_exist_in_document', document: { '@type': `${S}${type}` }, field: `${S}a` },
    ]);
  });

  it.each([
    [card, 1, 1],
    [max, 0, 2],
    [minmax, 1, 2],
  ])('reports field_has_wrong_cardinality over the maximum of %s', async (type, lo, hi) => {
    const res = await failure(db.insert({ '@type': type, a: [42, 23, 12] }));
    expectWitnesses(res, INSERT_ERROR, [
      {
        '@type': 'field_has_wrong_cardinality',
        actual: 3,
        document: { '@type': `${S}${type}`, [`${S}a`]: [42, 23, 12] },
        field: `${S}a`,
        min: lo,
        max: hi,
      },
    ]);
  });
});

describe('Shape witnesses', () => {
  it('reports unknown_property_for_type (#1030)', async () => {
    const res = await failure(db.insert({ '@type': 'Str', s: 'x', unknown: 'abc' }));
    expectWitnessOfType(res, INSERT_ERROR, 'unknown_property_for_type', {
      property: [`${S}unknown`],
      type: `${S}Str`,
    });
  });

  it('reports unknown_property_for_type with the exact witness on an empty class (#1030)', async () => {
    const cls = randomName('Empty');
    await db.insertSchema({ '@type': 'Class', '@id': cls });
    const res = await failure(db.insert({ '@type': cls, unknown: 'abc' }));
    expectWitnesses(res, INSERT_ERROR, [
      {
        '@type': 'unknown_property_for_type',
        document: { '@type': `${S}${cls}`, [`${S}unknown`]: 'abc' },
        property: [`${S}unknown`],
        type: `${S}${cls}`,
      },
    ]);
  });

  it('reports unexpected_list for an array in a single-valued field (#623)', async () => {
    const res = await failure(db.insert({ '@type': 'Str', s: ['a', 'b'] }));
    expectWitnesses(res, INSERT_ERROR, [
      { '@type': 'unexpected_list', type: 'http://www.w3.org/2001/XMLSchema#string', value: ['a', 'b'] },
    ]);
  });

  it('reports invalid_array_dimensions (#975)', async () => {
    const res = await failure(db.insert({ '@type': 'Arr', s: [[1], [2]] }));
    expectWitnesses(res, INSERT_ERROR, [{ '@type': 'invalid_array_dimensions', array: [[1], [2]], dimensions: 1 }]);
  });

  it('reports no_unique_type_for_document under the property for an untyped nested object (#622)', async () => {
    const res = await failure(db.insert({ '@type': 'Linker', ref: { field: 'abc' } }));
    expectWitnesses(res, INSERT_ERROR, [
      { [`${S}ref`]: { '@type': 'no_unique_type_for_document', document: { field: 'abc' } } },
    ]);
  });

  it('reports the same witness on replace (#622)', async () => {
    await db.insert({ '@type': 'Target', '@id': 'Target/t0' });
    await db.insert({ '@type': 'Linker', '@id': 'Linker/l0', ref: 'Target/t0' });
    const res = await failure(
      db.client.updateDocument({ '@type': 'Linker', '@id': 'Linker/l0', ref: { field: 'abc' } }, {}, db.name, 'r'),
    );
    expectWitnesses(res, 'api:ReplaceDocumentErrorResponse', [
      { [`${S}ref`]: { '@type': 'no_unique_type_for_document', document: { field: 'abc' } } },
    ]);
  });

  it('reports ascribed_type_does_not_exist for an unknown @type', async () => {
    const res = await failure(db.insert({ '@type': 'NoSuchType' }));
    expectWitnessOfType(res, INSERT_ERROR, 'ascribed_type_does_not_exist');
  });

  it('reports reifying_abstract_class for an instance of an abstract class', async () => {
    const res = await failure(db.insert({ '@type': 'Abstract', '@id': 'Abstract/a' }));
    expectWitnessOfType(res, INSERT_ERROR, 'reifying_abstract_class');
  });

  it('reports required_field_does_not_exist_in_document for a missing required field', async () => {
    const res = await failure(db.insert({ '@type': 'Req' }));
    expectWitnesses(res, INSERT_ERROR, [
      { '@type': 'required_field_does_not_exist_in_document', document: { '@type': `${S}Req` }, field: `${S}must` },
    ]);
  });
});

describe('Referential witnesses', () => {
  it('reports instance_not_of_class for a link to a missing document', async () => {
    const res = await failure(db.insert({ '@type': 'Linker', ref: 'Target/missing' }));
    expectWitnessOfType(res, INSERT_ERROR, 'instance_not_of_class', {
      class: `${S}Target`,
      instance: 'terminusdb:///data/Target/missing',
    });
  });

  it('reports instance_not_of_class for a link to a document of another class', async () => {
    await db.insert({ '@type': 'Str', '@id': 'Str/wrong', s: 'w' });
    const res = await failure(db.insert({ '@type': 'Linker', ref: 'Str/wrong' }));
    expectWitnessOfType(res, INSERT_ERROR, 'instance_not_of_class', { class: `${S}Target` });
  });
});
