// Datatype output of generated fields (TerminusDB's value.rs mapping): ported from TerminusDB
// tests/test/graphql.js ('insert and retrieve everything', BigFloat raw JSON, JSON, enums, oneOf).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { real } from '../kernel/harness.js';
import { graphqlDatabase, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
});
afterAll(() => t.close());

const EVERYTHING = {
  '@type': 'Everything', anySimpleType: 3, string: 'string', boolean: true, decimal: 3.2, float: 3.2,
  time: '23:34:43.0003Z', date: '2021-03-05', dateTime: '2021-03-05T23:34:43.0003Z',
  dateTimeStamp: '2021-03-05T23:34:43.0003Z', gYear: '2021', gMonth: '--11', gDay: '---29', gYearMonth: '1922-03',
  duration: 'P3Y2DT7M', yearMonthDuration: 'P3Y7M', dayTimeDuration: 'P1DT10H7M12S', byte: -8, short: -10, int: -32,
  long: -532, unsignedByte: 3, unsignedShort: 5, unsignedInt: 8, unsignedLong: 10, integer: 20,
  positiveInteger: 2342423, negativeInteger: -2348982734, nonPositiveInteger: -334, nonNegativeInteger: 3243323,
  base64nary: 'VGhpcyBpcyBhIHRlc3Q=', hexBinary: '5468697320697320612074657374', anyURI: 'http://this.com',
  language: 'en', normalizedString: 'norm', token: 'token', NMTOKEN: 'NMTOKEN', Name: 'Name', NCName: 'NCName',
};

describe('GraphQL datatype output', () => {
  it('returns every datatype as TerminusDB maps it', async () => {
    await t.insert(EVERYTHING);
    const fields = Object.keys(EVERYTHING).filter((k) => k !== '@type').join(' ');
    const data = await t.data(`query { Everything { ${fields} } }`);
    expect(data.Everything).toEqual([
      {
        anySimpleType: '"3"', string: 'string', boolean: true, decimal: 3.2, float: 3.200000047683716,
        time: '23:34:43Z', date: '2021-03-05', dateTime: '2021-03-05T23:34:43.000300Z',
        dateTimeStamp: '2021-03-05T23:34:43.000300Z', gYear: '2021', gMonth: '--11', gDay: '---29',
        gYearMonth: '1922-03', duration: 'P3Y2DT7M', yearMonthDuration: 'P3Y7M', dayTimeDuration: 'P1DT10H7M12S',
        byte: -8, short: -10, int: -32, long: -532, unsignedByte: 3, unsignedShort: 5, unsignedInt: 8,
        unsignedLong: 10, integer: 20, positiveInteger: 2342423, negativeInteger: -2348982734,
        nonPositiveInteger: -334, nonNegativeInteger: 3243323, base64nary: 'VGhpcyBpcyBhIHRlc3Q=',
        hexBinary: '5468697320697320612074657374', anyURI: 'http://this.com', language: 'en',
        normalizedString: 'norm', token: 'token', NMTOKEN: 'NMTOKEN', Name: 'Name', NCName: 'NCName',
      },
    ]);
  });

  // graphql.js inserts gYear '-32' (read back as '-032'); the kernel's document API refuses
  // years of fewer than 4 digits (kernel/schema), so only a real TerminusDB runs it.
  it.skipIf(!real)('returns a short negative gYear as TerminusDB pads it', async () => {
    await t.insert({ ...EVERYTHING, '@id': 'Everything/gyear', gYear: '-32' });
    const data = await t.data('query { Everything(id: "Everything/gyear") { gYear } }');
    expect(data.Everything).toEqual([{ gYear: '-032' }]);
  });

  it('returns decimals (BigFloat) and integers (BigInt) as numbers, ordered numerically', async () => {
    const data = await t.data('query { MyBigFloat(orderBy: {bigfloat: ASC}) { bigfloat } Integer(orderBy: {int: ASC}) { int } }');
    expect(data.MyBigFloat.map((x: { bigfloat: number }) => x.bigfloat)).toEqual([0, 0.012345678901234568, 101, 10096.757]);
    expect(data.Integer).toEqual([{ int: 1 }, { int: 2 }, { int: 11 }, { int: 100 }]);
  });

  // Kernel gap (kernel/README "Known gaps"): decimals are stored as doubles, so the 20 digits are
  // lost before GraphQL sees them; the GraphQL layer itself writes marker numbers bare.
  it.skipIf(!real)('writes a 20-digit decimal as a bare JSON number with full precision', async () => {
    const { status, text } = await t.gql('query { MyBigFloat(orderBy: {bigfloat: ASC}) { bigfloat } }');
    expect(status).toBe(200);
    expect(text).toContain('"bigfloat":0.01234567890123456789');
    expect(text).not.toContain('"bigfloat":"0.01234567890123456789"');
  });

  it('returns the person fields of the basic query (decimal age, integer order)', async () => {
    const data = await t.data('query PersonQuery { Person { name age order } }');
    expect(data.Person).toEqual([
      { name: 'Aristotle', age: 61, order: 3 },
      { name: 'Immanuel Kant', age: 79, order: 3 },
      { name: 'Karl Popper', age: 92, order: 5 },
      { name: 'Kurt Gödel', age: 71, order: 5 },
      { name: 'Plato', age: 80, order: 2 },
      { name: 'Socrates', age: 71, order: 1 },
    ]);
  });

  it('formats DateTime with chrono fraction digits and filters it', async () => {
    const data = await t.data('query { DateAndTime(filter: {datetime: {le: "2021-03-05T23:34:43.0003Z"}}, orderBy: {datetime: ASC}) { datetime } }');
    expect(data.DateAndTime).toEqual([{ datetime: '2021-03-05T23:34:43.000300Z' }]);
  });

  it('returns sys:JSON as JSON text, a Set of JSON as a list of texts', async () => {
    await t.insert([
      { '@type': 'JSONClass', json: { this: { is: { a: { json: [] } } } } },
      { '@type': 'JSONs', json: [{ this: { is: { a: { json: [] } } } }, { and: ['another', 'one'] }] },
    ]);
    const data = await t.data('query { JSONClass { json } JSONs { json } }');
    expect(data.JSONClass).toEqual([{ json: '{"this":{"is":{"a":{"json":[]}}}}' }]);
    expect(data.JSONs[0].json).toEqual(expect.arrayContaining(['{"and":["another","one"]}', '{"this":{"is":{"a":{"json":[]}}}}']));
    expect(data.JSONs[0].json).toHaveLength(2);
  });

  it('returns enums (optional and sets), oneOf choices as optional, absent arrays as []', async () => {
    await t.insert([
      { '@type': 'MaybeRocks', rocks_opt: 'Big' },
      { '@type': 'RockSet', rocks: ['Big', 'Medium', 'Small'] },
      { '@type': 'OneOf', '@id': 'OneOf/1', a: 'a' },
      { '@type': 'NotThere' },
    ]);
    const data = await t.data('query { MaybeRocks { rocks_opt } RockSet { rocks } OneOf { a b } NotThere { property } }');
    expect(data.MaybeRocks).toEqual([{ rocks_opt: 'Big' }]);
    expect([...data.RockSet[0].rocks].sort()).toEqual(['Big', 'Medium', 'Small']);
    expect(data.OneOf).toEqual([{ a: 'a', b: null }]);
    expect(data.NotThere).toEqual([{ property: [] }]);
  });

  it('lists nothing for a class without instances (graphql.js meta-tags)', async () => {
    const data = await t.data('query { Cat(filter: {name: {eq: "Nobody"}}) { name } A { name } }');
    expect(data).toEqual({ Cat: [], A: [] });
  });
});
