import { describe, expect, it } from 'vitest';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { metricValue } from './fixtures/metricValue.js';
import { compose, IDENTITY_KEY, startRouter } from './fixtures/startRouter.js';

describe('Subgraph resilience', () => {
  it('opens the breaker on a dead subgraph, fails fast, and recovers through a half-open probe', async () => {
    const first = await startAccounts(IDENTITY_KEY);
    const port = first.served.port;
    const sdl = compose([first]);
    await first.close();
    await using r = await startRouter(sdl, { subgraphs: { breakerFailures: 2, breakerResetMs: 300 } });
    const q = { query: '{ users(first: 1) { id } }' };
    for (let i = 0; i < 2; i++) {
      const { body } = await r.gql(q);
      expect(body.errors?.[0]?.message).toMatch(/unavailable: ECONNREFUSED/);
    }
    const open = await r.gql(q);
    expect(open.body.errors?.[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' } });
    expect(open.body.errors?.[0]?.message).toMatch(/circuit open/);
    const metrics = await (await fetch(`${r.served.url}/metrics`)).text();
    expect(metricValue(metrics, 'router_subgraph_breaker_state', { subgraph: 'accounts' })).toBe(2);

    await using revived = await startAccounts(IDENTITY_KEY, port);
    await new Promise((res) => setTimeout(res, 350));
    const probe = await r.gql(q);
    expect(probe.body).toEqual({ data: { users: [{ id: 'u1' }] } });
    expect(revived.calls.length).toBe(1);
  });

  it('times out a slow subgraph with TIMEOUT', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]), { subgraphs: { timeouts: { accounts: 100 } } });
    accounts.delayMs = 400;
    const { body } = await r.gql({ query: '{ users(first: 1) { id } }' });
    expect(body.errors?.[0]).toMatchObject({ message: 'subgraph "accounts" did not answer within 100 ms', extensions: { code: 'TIMEOUT' } });
  });

  it('shares identical in-flight query fetches', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts, catalog]));
    catalog.delayMs = 100;
    const q = { query: '{ products(first: 3) { upc owner { name } } }' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => r.gql(q)));
    for (const a of answers) expect(a.body.data?.['products']).toHaveLength(3);
    expect(catalog.calls.length).toBe(1);
    expect(accounts.calls.length).toBe(1);
  });

  it('never shares mutations', async () => {
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([catalog]));
    catalog.delayMs = 50;
    const { bearer } = await import('./fixtures/startRouter.js');
    const auth = await bearer('alice', ['write']);
    await Promise.all(Array.from({ length: 3 }, () => r.gql({ query: 'mutation { createBranch(name: "feature/x") }' }, auth)));
    expect(catalog.calls.length).toBe(3);
  });
});
