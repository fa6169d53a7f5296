// Bad requests get GraphQL errors with a sensible status, never a crash: unknown fields, bad filter
// values, invalid regexes, huge limits, malformed bodies, missing queries, unknown databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { real } from '../kernel/harness.js';
import { graphqlDatabase, type GraphQLDatabase } from './fixture.js';

let t: GraphQLDatabase;
beforeAll(async () => {
  t = await graphqlDatabase();
});
afterAll(() => t.close());

const firstError = (body: { errors?: { message: string }[] } | undefined): string => body?.errors?.[0]?.message ?? '';

describe('GraphQL errors', () => {
  it('answers 400 with errors for unknown fields, types and arguments', async () => {
    for (const q of ['query { Person { nope } }', 'query { Nope { name } }', 'query { Person(nope: 1) { name } }']) {
      const a = await t.gql(q);
      expect(a.status).toBe(400);
      expect(a.body.errors.length).toBeGreaterThan(0);
      expect(a.body.data).toBeUndefined();
    }
    expect(firstError((await t.gql('query { Person { nope } }')).body)).toContain('nope');
  });

  it('answers 400 for syntax errors', async () => {
    const a = await t.gql('query { Person { name }');
    expect(a.status).toBe(400);
    expect(a.body.errors.length).toBeGreaterThan(0);
  });

  it('answers errors for filter values of the wrong type', async () => {
    const literal = await t.gql('query { Person(filter: {order: {eq: true}}) { name } }');
    expect(literal.status).toBe(400);
    const unknown = await t.gql('query { Person(filter: {colour: {eq: "red"}}) { name } }');
    expect(unknown.status).toBe(400);
    const variable = await t.gql('query($f: Person_Filter) { Person(filter: $f) { name } }', { f: { order: { ge: 'x' } } });
    expect(variable.status).toBe(400);
    expect(variable.body.errors.length).toBeGreaterThan(0);
  });

  it.skipIf(real)('answers a GraphQL error for an invalid regex (TerminusDB panics)', async () => {
    const a = await t.gql('query { Person(filter: {name: {regex: "(unclosed"}}) { name } }');
    expect(a.status).toBe(200);
    expect(firstError(a.body)).toMatch(/regex/i);
    expect(a.body.data).toBeNull(); // Person is [Person!]!: the error nulls the whole result
    const next = await t.data('query { Cat { name } }');
    expect(next.Cat).toHaveLength(2);
  });

  it('answers 400 for a limit beyond Int, and serves huge Int limits', async () => {
    const overflow = await t.gql('query { Person(limit: 99999999999) { name } }');
    expect(overflow.status).toBe(400);
    const huge = await t.data('query { Person(limit: 2147483647, offset: 1) { name } }');
    expect(huge.Person).toHaveLength(5);
    const negative = await t.data('query { Person(limit: -1) { name } }');
    expect(negative.Person).toEqual([]);
  });

  it.skipIf(real)('answers 400 for a malformed JSON body or a missing query', async () => {
    const bad = await t.target.request('POST', `/api/graphql/${t.db.path}`, { raw: '{"query": ', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    const missing = await t.target.request('POST', `/api/graphql/${t.db.path}`, { json: { variables: {} } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.length).toBeGreaterThan(0);
    const badVariables = await t.target.request('GET', `/api/graphql/${t.db.path}`, { query: { query: '{ Cat { name } }', variables: '{oops' } });
    expect(badVariables.status).toBe(400);
  });

  it('answers 404 for an unknown database', async () => {
    const res = await t.target.request('POST', `/api/graphql/${t.target.user}/no_such_database_here`, { json: { query: '{ __typename }' } });
    expect(res.status).toBe(404);
  });

  it('keeps serving after errors', async () => {
    const data = await t.data('query { _count(Cat: {}) }');
    expect(data._count).toBe(2);
  });
});
