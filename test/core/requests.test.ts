// HTTP behaviour: identity required, GET and POST, ops routes, bad input codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, signIdentity } from '../../lib/index.js';
import { startCore, type CoreHarness } from './harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
});
afterAll(() => h.close());

describe('core subgraph over HTTP', () => {
  it('answers 403 without a valid router identity', async () => {
    const none = await h.gql('{ tags { totalCount } }', undefined, { headers: { [IDENTITY_HEADER]: '' } });
    expect(none.status).toBe(403);
    expect(none.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const forged = await h.gql('{ tags { totalCount } }', undefined, { headers: { [IDENTITY_HEADER]: signIdentity({ sub: 'x', scopes: [] }, 'other key') } });
    expect(forged.status).toBe(403);
    const old = await h.gql('{ tags { totalCount } }', undefined, { headers: { [IDENTITY_HEADER]: signIdentity({ sub: 'x', scopes: [] }, h.identityKey, Date.now() - 3_600_000) } });
    expect(old.status).toBe(403);
  });

  it('serves GET queries and refuses mutations over GET', async () => {
    const q = await h.gql('{ tags(first: 1) { totalCount } }', undefined, { method: 'GET' });
    expect(q.status).toBe(200);
    expect(q.body.data.tags.totalCount).toBeGreaterThan(0);
    const m = await h.gql('mutation { deleteBranch(name: "x") { deleted } }', undefined, { method: 'GET' });
    expect(m.status).toBe(405);
  });

  it('serves /healthz, /readyz (TerminusDB and schema) and /metrics', async () => {
    expect((await h.handler(new Request('http://core/healthz'))).status).toBe(200);
    const ready = await h.handler(new Request('http://core/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { terminusdb: true, schema: true } });
    const metrics = await (await h.handler(new Request('http://core/metrics'))).text();
    expect(metrics).toContain('graphql_request_duration_seconds');
  });

  it('answers bad input with stable codes and never crashes', async () => {
    const cases: [string, string][] = [
      ['{ tags(first: -1) { totalCount } }', 'BAD_USER_INPUT'],
      ['{ tags(first: 5000) { totalCount } }', 'BAD_USER_INPUT'],
      ['{ datasets(filter: {createdAt: {gt: "yesterday"}}) { totalCount } }', 'BAD_USER_INPUT'],
      ['{ datasets(filter: {name: {regex: "("}}) { totalCount } }', 'BAD_USER_INPUT'],
      ['{ tags { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
      ['{ tags {', 'GRAPHQL_PARSE_FAILED'],
    ];
    for (const [query, code] of cases) {
      const r = await h.gql(query);
      expect(r.body.errors?.[0]?.extensions?.code, query).toBe(code);
    }
    const v = await h.gql('query($t: DateTime) { datasets(filter: {createdAt: {gt: $t}}) { totalCount } }', { t: 'nope' });
    expect(v.status).toBe(400);
    expect(v.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const body = await h.handler(new Request('http://core/graphql', { method: 'POST', body: 'not json', headers: { [IDENTITY_HEADER]: signIdentity({ sub: 'x', scopes: [] }, h.identityKey) } }));
    expect(body.status).toBe(400);
  });
});
