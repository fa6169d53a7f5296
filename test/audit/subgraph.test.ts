import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../../lib/index.js';
import { CommitRelay, createAuditSubgraph } from '../../subgraphs/audit/index.js';
import { signedHeaders, startAuditDb, type AuditHarness } from './harness.js';

describe('audit subgraph', () => {
  let h: AuditHarness;
  let handler: (r: Request) => Promise<Response>;
  let relay: CommitRelay;
  const key = randomBytes(16).toString('hex');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted, not typed
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }> => {
    const res = await handler(new Request('http://audit/graphql', { method: 'POST', headers: signedHeaders(key), body: JSON.stringify({ query, variables }) }));
    return { status: res.status, body: await res.json() };
  };
  let c1 = '';
  let c2 = '';

  beforeAll(async () => {
    h = await startAuditDb();
    const bus = new MemoryEventBus();
    relay = new CommitRelay({ terminus: h.terminus, bus });
    handler = createAuditSubgraph({ terminus: h.terminus, identityKey: key, bus, relay });
    c1 = await h.writeTag('sg-a', { message: '[test] first\n\nTrace-Id: trace-one\nUser-Sid: alice' });
    c2 = await h.writeTag('sg-a', { color: '#123456', message: '[test] second\n\nTrace-Id: trace-two\nUser-Sid: bob' });
  });
  afterAll(async () => h?.close());

  it('refuses calls without a router identity (403), serves ops routes', async () => {
    const res = await handler(new Request('http://audit/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }));
    expect(res.status).toBe(403);
    expect((await handler(new Request('http://audit/nudge', { method: 'POST' }))).status).toBe(403);
    expect((await handler(new Request('http://audit/healthz'))).status).toBe(200);
    expect((await handler(new Request('http://audit/metrics'))).status).toBe(200);
    await relay.runOnce();
    expect(await (await handler(new Request('http://audit/readyz'))).json()).toEqual({ status: 'ready', checks: { terminusdb: true, bus: true, relay: true } });
    expect((await handler(new Request('http://audit/nudge', { method: 'POST', headers: signedHeaders(key) }))).status).toBe(202);
  });

  it('lists commits newest first with filters and stable paging', async () => {
    const page1 = await gql('{ commits(first: 1) { nodes { id author summary traceId userSid trailers { key value } changes { id type op } } endCursor hasNextPage } }');
    expect(page1.body.data.commits.nodes).toEqual([
      { id: c2, author: 'tester@test', summary: '[test] second', traceId: 'trace-two', userSid: 'bob', trailers: [{ key: 'Trace-Id', value: 'trace-two' }, { key: 'User-Sid', value: 'bob' }], changes: [{ id: 'Tag/sg-a', type: 'Tag', op: 'UPDATED' }] },
    ]);
    await h.writeTag('sg-b');
    const page2 = await gql('query($a: String) { commits(first: 1, after: $a) { nodes { id } hasNextPage } }', { a: page1.body.data.commits.endCursor });
    expect(page2.body.data.commits).toEqual({ nodes: [{ id: c1 }], hasNextPage: true });
    const typed = await gql('{ commits(types: ["Dataset"], first: 5) { nodes { id } } }');
    expect(typed.body.data.commits.nodes.map((n: { id: string }) => n.id)).not.toContain(c1);
    const byAuthor = await gql('{ commits(author: "nobody") { nodes { id } hasNextPage } }');
    expect(byAuthor.body.data.commits).toEqual({ nodes: [], hasNextPage: false });
    const bad = await gql('{ commits(after: "nope") { nodes { id } } }');
    expect(bad.body.errors[0].extensions.code).toBe('INVALID_CURSOR');
    const missing = await gql('{ commits(branch: "feature/none") { nodes { id } } }');
    expect(missing.body.errors[0].extensions.code).toBe('BRANCH_NOT_FOUND');
  });

  it('answers one commit with its diff, diffs between versions, and commits by trace', async () => {
    const one = await gql(`{ commit(id: "${c2}") { id parent diff { id type op patch } } missing: commit(id: "zzz") { id } }`);
    expect(one.body.data.commit).toMatchObject({ id: c2, parent: c1, diff: [{ id: 'Tag/sg-a', type: 'Tag', op: 'UPDATED', patch: { color: { '@op': 'SwapValue', '@before': '#000000', '@after': '#123456' } } }] });
    expect(one.body.data.missing).toBeNull();
    const diff = await gql(`{ diff(from: "${c1}", to: "main") { id op } }`);
    expect(diff.body.data.diff).toEqual(expect.arrayContaining([{ id: 'Tag/sg-a', op: 'UPDATED' }, { id: 'Tag/sg-b', op: 'INSERTED' }]));
    const traced = await gql('{ commitsByTrace(traceId: "trace-one") { id } }');
    expect(traced.body.data.commitsByTrace).toEqual([{ id: c1 }]);
  });

  it('resolves history on core entities (and on Asset implementations through @interfaceObject)', async () => {
    const answer = await gql(`{ _entities(representations: [{ __typename: "Tag", id: "Tag/sg-a" }, { __typename: "Asset", id: "Dataset/acme_logistics.payments_raw.fx_rates" }]) {
      ... on Tag { id history(first: 5) { id userSid commit { id } } }
      ... on Asset { id history { id message } } } }`);
    const [tag, asset] = answer.body.data._entities;
    expect(tag.history.map((c: { id: string }) => c.id)).toEqual([c2, c1]);
    expect(tag.history[0]).toMatchObject({ userSid: 'bob', commit: { id: c2 } });
    expect(asset.history).toEqual([{ id: expect.any(String), message: 'seed' }]);
  });
});
