import { beforeAll, describe, expect, it } from 'vitest';
import { INSTANCES, SCHEMA } from './fixtures.js';
import { testDb, type TestDb } from './harness.js';

describe('GraphQL errors', () => {
  let t: TestDb;
  beforeAll(() => {
    t = testDb(SCHEMA, INSTANCES);
  });

  const status = async (query: string, variables?: Record<string, unknown>): Promise<{ status: number; message: string }> => {
    const res = await t.engine.executeGraphQL({ snapshot: t.store.snapshot(t.db, t.head()), database: t.db.id, request: { query, variables } });
    return { status: res.status, message: res.body.errors?.[0]?.message ?? '' };
  };

  it('rejects unknown fields and syntax errors with 400', async () => {
    expect(await status('query { Person { nope } }')).toMatchObject({ status: 400, message: expect.stringContaining('nope') });
    expect(await status('query { Person { name }')).toMatchObject({ status: 400 });
    expect(await status('')).toMatchObject({ status: 400 });
  });

  it('rejects bad filter values', async () => {
    expect((await status('query { Person(filter: {order: {eq: "abc"}}) { name } }')).status).toBe(400);
    expect((await status('query { Person(filter: {age: {eq: true}}) { name } }')).status).toBe(400);
    expect((await status('query($f: Person_Filter) { Person(filter: $f) { name } }', { f: { order: { ge: 'x' } } })).status).toBe(400);
  });

  it('answers an invalid regex with a GraphQL error, not a crash', async () => {
    const r = await t.gql('query { Person(filter: {name: {regex: "(unclosed"}}) { name } }');
    expect(r.errors[0].message).toMatch(/Invalid regex/);
    expect(r.data).toBeNull();
  });

  it('rejects limits beyond Int and treats negative ones as zero', async () => {
    expect((await status('query { Person(limit: 99999999999) { name } }')).status).toBe(400);
    const r = await t.gql('query { Person(limit: -1) { name } }');
    expect(r.data.Person).toEqual([]);
    const huge = await t.gql('query { Person(limit: 2147483647, offset: 2147483600) { name } }');
    expect(huge.data.Person).toEqual([]);
  });

  it('rejects bad paths and empty filters', async () => {
    const r = await t.gql('query { Person(limit: 1) { _path_to_Person(path: "friend,(") { name } } }');
    expect(r.errors[0].message).toMatch(/Invalid path/);
    const e = await t.gql('query { Person(filter: {name: {}}) { name } }');
    expect(e.errors[0].message).toMatch(/empty filter/);
    const c = await t.gql('query { _count }');
    expect(c.errors[0].message).toMatch(/_count requires/);
  });

  it('answers 500 for a class shadowing a reserved type name', async () => {
    const u = testDb([{ '@type': 'Class', '@id': 'BigInt', bigint: 'xsd:integer' }]);
    const res = await u.engine.executeGraphQL({ snapshot: u.store.snapshot(u.db, u.head()), database: u.db.id, request: { query: '{ BigInt { bigint } }' } });
    expect(res.status).toBe(500);
  });
});
