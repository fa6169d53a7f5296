import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { supergraphError } from '../../errors/index.js';
import { createLogger } from '../../log/index.js';
import { createMetrics } from '../../ops/index.js';
import { createServiceGraphQLHandler } from '../index.js';

const schema = buildSchema('type Query { hello(name: String!): String! boom: String known: String } type Subscription { tick: Int }');
const resolvers: Record<string, (source: unknown, args: Record<string, unknown>) => unknown> = {
  hello: (_s, { name }) => `hello ${String(name)}`,
  boom: () => {
    throw new Error('secret internals');
  },
  known: () => {
    throw supergraphError('NOT_FOUND', 'no such thing');
  },
};
for (const [name, field] of Object.entries(schema.getQueryType()?.getFields() ?? {})) {
  const resolve = resolvers[name];
  if (resolve !== undefined) field.resolve = resolve;
}
const handler = createServiceGraphQLHandler<unknown>({ schema, logger: createLogger('test', 'silent'), metrics: createMetrics('graphql-handler-test') });
const call = async (init: { method?: string; query?: string; body?: string; url?: string }): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }> => {
  const url = init.url ?? 'http://svc/graphql';
  const request = new Request(url, init.method === 'GET' ? { method: 'GET' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: init.body ?? '' });
  const res = await handler(request, {});
  return { status: res.status, body: (await res.json()) as never };
};

describe('createServiceGraphQLHandler', () => {
  it('answers queries over POST and GET', async () => {
    expect((await call({ body: JSON.stringify({ query: '{ hello(name: "a") }' }) })).body).toEqual({ data: { hello: 'hello a' } });
    const get = await call({ method: 'GET', url: `http://svc/graphql?query=${encodeURIComponent('query($n: String!) { hello(name: $n) }')}&variables=${encodeURIComponent('{"n":"b"}')}` });
    expect(get.body).toEqual({ data: { hello: 'hello b' } });
  });

  it('answers bad input with 400 and a catalogued code', async () => {
    const cases: [Parameters<typeof call>[0], string][] = [
      [{ body: 'not json' }, 'BAD_REQUEST'],
      [{ body: '{}' }, 'BAD_REQUEST'],
      [{ body: JSON.stringify({ query: '{ hello(' }) }, 'GRAPHQL_PARSE_FAILED'],
      [{ body: JSON.stringify({ query: '{ nope }' }) }, 'GRAPHQL_VALIDATION_FAILED'],
      [{ body: JSON.stringify({ query: 'query A { known } query B { known }' }) }, 'BAD_USER_INPUT'],
      [{ body: JSON.stringify({ query: 'subscription { tick }' }) }, 'BAD_REQUEST'],
      [{ body: JSON.stringify({ query: '{ known }', variables: [1] }) }, 'BAD_REQUEST'],
      [{ method: 'GET', url: `http://svc/graphql?query=${encodeURIComponent('{ known }')}&variables=%7Bnot-json` }, 'BAD_REQUEST'],
    ];
    for (const [input, code] of cases) {
      const r = await call(input);
      expect(r.status, JSON.stringify(input)).toBe(400);
      expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe(code);
    }
  });

  it('keeps catalogued resolver errors and masks the rest', async () => {
    const r = await call({ body: JSON.stringify({ query: '{ boom known }' }) });
    expect(r.status).toBe(200);
    expect(r.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Internal server error', 'INTERNAL_SERVER_ERROR'],
      ['no such thing', 'NOT_FOUND'],
    ]);
  });
});
