import { describe, expect, it } from 'vitest';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { bearer, compose, IDENTITY_KEY, startRouter } from './fixtures/startRouter.js';

describe('Router', () => {
  it('plans and executes a query across two subgraphs', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts, catalog]));
    const { status, body } = await r.gql({ query: '{ products(first: 2) { upc name owner { id name } } }' });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        products: [
          { upc: 'p1', name: 'Product 1', owner: { id: 'u1', name: 'User 1' } },
          { upc: 'p2', name: 'Product 2', owner: { id: 'u2', name: 'User 2' } },
        ],
      },
    });
  });

  it('signs the caller identity and a child traceparent into every subgraph fetch', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts, catalog]));
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { body } = await r.gql(
      { query: '{ products(first: 1) { owner { name } } }' },
      { ...(await bearer('alice', ['read', 'write'])), traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'apollographql-client-name': 'web' },
    );
    expect(body.errors).toBeUndefined();
    for (const sg of [accounts, catalog]) {
      const call = sg.calls.at(-1);
      expect(call?.identity).toMatchObject({ sub: 'alice', scopes: ['read', 'write'], traceId, client: 'web' });
      expect(call?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      expect(call?.traceparent).not.toContain('00f067aa0ba902b7');
    }
  });

  it('is refused by a subgraph when the identity key differs', async () => {
    await using accounts = await startAccounts('another-key');
    await using r = await startRouter(compose([accounts]));
    const { body } = await r.gql({ query: '{ users(first: 1) { id } }' });
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
