import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAccounts, startCatalog } from './fixtures/fixtureSubgraphs.js';
import { metricValue } from './fixtures/metricValue.js';
import { bearer, compose, IDENTITY_KEY, startRouter } from './fixtures/startRouter.js';

describe('Operations endpoints', () => {
  it('answers /healthz, and /readyz only while every subgraph is ready', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    const catalog = await startCatalog(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts, catalog]));
    expect(await (await fetch(`${r.served.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${r.served.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { schema: true, 'subgraph:accounts': true, 'subgraph:catalog': true } });
    await catalog.close();
    await new Promise((res) => setTimeout(res, 1_100));
    const notReady = await fetch(`${r.served.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ checks: { 'subgraph:catalog': false } });
  });

  it('exports request, subgraph, error, cache and breaker metrics', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    for (let i = 0; i < 2; i++) await r.gql({ query: 'query Users { users(first: 1) { id email } }', operationName: 'Users' });
    const res = await fetch(`${r.served.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(metricValue(text, 'graphql_request_duration_seconds_count', { operation_type: 'query', operation_name: 'Users', outcome: 'partial' })).toBe(2);
    expect(metricValue(text, 'router_subgraph_fetch_duration_seconds_count', { subgraph: 'accounts', outcome: 'ok' })).toBe(2);
    expect(metricValue(text, 'graphql_errors_total', { code: 'UNAUTHORIZED_FIELD_OR_TYPE' })).toBe(2);
    expect(metricValue(text, 'router_cache_lookups_total', { cache: 'plan', result: 'hit' })).toBe(1);
    expect(metricValue(text, 'router_cache_lookups_total', { cache: 'document', result: 'miss' })).toBe(1);
    expect(metricValue(text, 'router_subgraph_breaker_state', { subgraph: 'accounts' })).toBe(0);
  });

  it('records operation signatures, fields and clients to the operations file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'router-ops-')), 'operations.json');
    await using accounts = await startAccounts(IDENTITY_KEY);
    const r = await startRouter(compose([accounts]), { operationsFile: file, operationsFlushMs: 60_000 });
    const auth = await bearer('alice', ['read']);
    await r.gql({ query: 'query Users { list: users(first: 1) { id name } }' }, { ...auth, 'apollographql-client-name': 'web' });
    await r.gql({ query: 'query Users { list: users(first: 2) { id name } }' }, { ...auth, 'apollographql-client-name': 'cli' });
    await r[Symbol.asyncDispose]();
    const doc = JSON.parse(await readFile(file, 'utf8')) as { operations: { signature: string; name: string; fields: string[]; clients: Record<string, number>; count: number }[] };
    expect(doc.operations).toHaveLength(1);
    expect(doc.operations[0]).toMatchObject({
      signature: 'query Users{users(first:0){id name}}',
      name: 'Users',
      fields: ['Query.users', 'User.id', 'User.name'],
      clients: { web: 1, cli: 1 },
      count: 2,
    });
  });

  it('serves a GraphiQL page to browsers (or says how to install it)', async () => {
    await using accounts = await startAccounts(IDENTITY_KEY);
    await using r = await startRouter(compose([accounts]));
    const res = await fetch(r.url, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/GraphiQL/);
  });
});
