import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureSubgraph } from './fixtures/serveSubgraph.js';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { compose, IDENTITY_KEY, startRouter, type RunningRouter } from './fixtures/startRouter.js';

let accounts: FixtureSubgraph;
let catalog: FixtureSubgraph;
let r: RunningRouter;

beforeAll(async () => {
  accounts = await startAccounts(IDENTITY_KEY);
  catalog = await startCatalog(IDENTITY_KEY);
  r = await startRouter(compose([accounts, catalog]), { limits: { maxDepth: 4, maxAliases: 2, maxRootFields: 3, maxCost: 200, defaultListSize: 10, maxBodyBytes: 64 * 1024 } });
});
afterAll(async () => {
  await r[Symbol.asyncDispose]();
  await accounts.close();
  await catalog.close();
});

async function code(query: string, variables?: Record<string, unknown>): Promise<[number, string | undefined]> {
  const { status, body } = await r.gql({ query, ...(variables !== undefined ? { variables } : {}) });
  return [status, body.errors?.[0]?.extensions?.code];
}

describe('Operation limits', () => {
  it('refuses operations nested deeper than the maximum', async () => {
    expect(await code('{ products(first: 1) { owner { products { owner { id } } } } }')).toEqual([400, 'MAX_DEPTH_EXCEEDED']);
    expect(await code('{ products(first: 1) { owner { products { upc } } } }')).toEqual([200, undefined]);
  });

  it('counts depth through fragments', async () => {
    expect(await code('{ products(first: 1) { ...P } } fragment P on Product { owner { products { owner { id } } } }')).toEqual([400, 'MAX_DEPTH_EXCEEDED']);
  });

  it('refuses too many aliases and root fields', async () => {
    expect(await code('{ a: users(first: 1) { id } b: users(first: 1) { id } c: users(first: 1) { id } }')).toEqual([400, 'MAX_ALIASES_EXCEEDED']);
    expect(await code('{ users(first: 1) { id } products(first: 1) { upc } me { id } user(id: "u1") { id } }')).toEqual([400, 'MAX_ROOT_FIELDS_EXCEEDED']);
  });

  it('estimates cost from list sizes, including variables', async () => {
    expect(await code('query($n: Int) { products(first: $n) { owner { products { upc } } } }', { n: 20 })).toEqual([400, 'COST_LIMIT_EXCEEDED']);
    expect(await code('query($n: Int) { products(first: $n) { owner { products { upc } } } }', { n: 2 })).toEqual([200, undefined]);
  });
});

describe('Transport errors', () => {
  it('answers 413 for bodies past the limit', async () => {
    const { status, body } = await r.gql({ query: `{ users { id } }${' '.repeat(70 * 1024)}` });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON and non-GraphQL bodies with clear errors, and keeps serving', async () => {
    const cases: [string, RegExp][] = [
      ['{"query": ', /not valid JSON/],
      ['[{"query":"{ users { id } }"}]', /batched/],
      ['"just a string"', /JSON object/],
      ['{"query": 42}', /"query" must be a string/],
      ['{"variables": {}}', /no "query"/],
      ['{"query": "{ users { id "}', /Syntax Error/],
      ['{"query": "{ nope }"}', /Cannot query field "nope"/],
      ['{"query": "{ users { id } }", "variables": [1]}', /"variables" must be an object/],
    ];
    for (const [text, message] of cases) {
      const { status, body } = await r.gql(text);
      expect(status, text).toBe(400);
      expect(body.errors?.[0]?.message, text).toMatch(message);
    }
    const res = await fetch(r.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect((await r.gql({ query: '{ users(first: 1) { id } }' })).body).toEqual({ data: { users: [{ id: 'u1' }] } });
  });

  it('serves queries over GET and refuses mutations there', async () => {
    const get = await fetch(`${r.url}?query=${encodeURIComponent('{ users(first: 1) { id } }')}`);
    expect(await get.json()).toEqual({ data: { users: [{ id: 'u1' }] } });
    const mutation = await fetch(`${r.url}?query=${encodeURIComponent('mutation { createBranch(name: "x") }')}`);
    expect(mutation.status).toBe(405);
  });

  it('rejects invalid variables before planning', async () => {
    const { status, body } = await r.gql({ query: 'query($n: Int!) { users(first: $n) { id } }', variables: { n: 'ten' } });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
