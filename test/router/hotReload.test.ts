import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { metricValue } from './fixtures/metricValue.js';
import { compose, IDENTITY_KEY, startRouter } from './fixtures/startRouter.js';

describe('Hot reload', () => {
  it('swaps the schema while requests are in flight, without dropping them', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    accounts.delayMs = 200;
    const inflight = Array.from({ length: 5 }, () => r.gql({ query: '{ users(first: 1) { id } }' }));
    await new Promise((res) => setTimeout(res, 50));
    const outcome = await r.router.reload(compose([accounts, catalog]));
    expect(outcome.status).toBe('loaded');
    for (const a of await Promise.all(inflight)) expect(a.body).toEqual({ data: { users: [{ id: 'u1' }] } });
    accounts.delayMs = 0;
    expect((await r.gql({ query: '{ products(first: 1) { owner { name } } }' })).body).toEqual({ data: { products: [{ owner: { name: 'User 1' } }] } });
  });

  it('keeps the last good schema when the new one fails', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const before = r.router.schema()?.id;
    const outcome = await r.router.reload('type Query { broken');
    expect(outcome).toMatchObject({ status: 'failed', id: before });
    expect(r.router.schema()?.id).toBe(before);
    expect((await r.gql({ query: '{ users(first: 1) { id } }' })).body).toEqual({ data: { users: [{ id: 'u1' }] } });
    const metrics = await (await fetch(`${r.served.url}/metrics`)).text();
    expect(metricValue(metrics, 'router_schema_loads_total', { outcome: 'failed' })).toBe(1);
  });

  it('reloads when the supergraph file changes', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using catalog = await startCatalog(IDENTITY_KEY);
    const file = join(await mkdtemp(join(tmpdir(), 'router-sg-')), 'supergraph.graphql');
    await writeFile(file, compose([accounts]));
    await using r = await startRouter('', { supergraph: { file, watchIntervalMs: 50 } });
    expect((await r.gql({ query: '{ products { upc } }' })).status).toBe(400);
    await writeFile(file, 'not a supergraph');
    await new Promise((res) => setTimeout(res, 200));
    expect((await r.gql({ query: '{ users(first: 1) { id } }' })).status).toBe(200);
    await writeFile(file, compose([accounts, catalog]));
    await expect.poll(async () => (await r.gql({ query: '{ products(first: 1) { upc } }' })).status, { timeout: 3000 }).toBe(200);
  });
});
