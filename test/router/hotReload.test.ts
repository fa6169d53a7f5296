import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { metricValue } from './fixtures/metricValue.js';
import { serveSubgraph, type FixtureSubgraph } from './fixtures/serveSubgraph.js';
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

  it('polls the subgraphs\' _service { sdl }: picks up a changed SDL, keeps the last good schema when composition fails', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    let inventory: FixtureSubgraph = await startInventory(INVENTORY_V1);
    const port = inventory.served.port;
    try {
      await using r = await startRouter(compose([accounts, inventory]), { supergraph: { pollSubgraphsMs: 50 } });
      expect((await r.gql({ query: '{ stock }' })).body).toEqual({ data: { stock: 7 } });
      expect((await r.gql({ query: '{ restocked }' })).status).toBe(400);

      // the inventory subgraph is redeployed (same URL) with a new field: the next poll composes it in
      await inventory.close();
      inventory = await startInventory(INVENTORY_V2, port);
      await expect.poll(async () => (await r.gql({ query: '{ stock restocked }' })).body, { timeout: 5000 }).toEqual({ data: { stock: 7, restocked: true } });
      expect(inventory.calls.some((c) => c.query.includes('_service') && c.identity.sub === 'router')).toBe(true);
      const good = r.router.schema()?.id;

      // a deployment that does not compose (User.name is not shareable): the router keeps serving the last good schema
      await inventory.close();
      inventory = await startInventory(INVENTORY_CONFLICT, port);
      const conflicting = inventory;
      // two polls have read the conflicting SDL: the first has been composed (and refused) by then
      await expect.poll(() => conflicting.calls.filter((c) => c.query.includes('_service')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      expect(metricValue(await (await fetch(`${r.served.url}/metrics`)).text(), 'router_schema_loads_total', { outcome: 'failed' })).toBeGreaterThan(0);
      expect(r.router.schema()?.id).toBe(good);
      expect((await r.gql({ query: '{ users(first: 1) { name } stock }' })).body).toEqual({ data: { users: [{ name: 'User 1' }], stock: 7 } });
    } finally {
      await inventory.close();
    }
  });
});

const INVENTORY_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const INVENTORY_V1 = `${INVENTORY_LINK}\ntype Query { stock: Int }`;
const INVENTORY_V2 = `${INVENTORY_LINK}\ntype Query { stock: Int restocked: Boolean }`;
const INVENTORY_CONFLICT = `${INVENTORY_LINK}\ntype Query { stock: Int restocked: Boolean }\ntype User @key(fields: "id") { id: ID! name: String! }`;

function startInventory(typeDefs: string, port?: number): Promise<FixtureSubgraph> {
  return serveSubgraph({
    name: 'inventory',
    typeDefs,
    identityKey: IDENTITY_KEY,
    ...(port !== undefined ? { port } : {}),
    resolvers: {
      Query: { stock: () => 7, restocked: () => true },
      ...(typeDefs.includes('type User') ? { User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: 'x' }) } } : {}),
    },
  });
}
