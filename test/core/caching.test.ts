// Commit-keyed read caches: exact answers, read-your-writes, a bounded staleness for others' writes, metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type CoreHarness } from './harness.js';

let h: CoreHarness;
let ttl: CoreHarness;
beforeAll(async () => {
  [h, ttl] = await Promise.all([startCore(), startCore({ headTtlMs: 300 })]);
});
afterAll(() => Promise.all([h.close(), ttl.close()]));

function made(c: CoreHarness, before: number): { graphql: number; heads: number } {
  const m = c.requests.slice(before);
  return { graphql: m.filter((r) => r.includes('/api/graphql/')).length, heads: m.filter((r) => r.includes('/api/log/')).length };
}

const NESTED = `{ datasets(first: 5) { totalCount edges { cursor node { id name project { name } notes { totalCount nodes { body } } } } pageInfo { hasNextPage endCursor } } }`;

async function metric(c: CoreHarness, cache: string, result: string): Promise<number> {
  const text = await (await c.handler(new Request('http://core/metrics'))).text();
  const m = new RegExp(`core_cache_requests_total\\{[^}]*cache="${cache}",result="${result}"[^}]*\\} (\\d+)`).exec(text);
  return Number(m?.[1] ?? NaN);
}

describe('read caches', () => {
  it('answers a repeated query from the cache, with the same bytes, after checking the head', async () => {
    const first = await h.gql(NESTED);
    const before = h.requests.length;
    const again = await h.gql(NESTED);
    expect(again.body).toEqual(first.body);
    // headTtlMs 0: the head is looked up again; no TerminusDB GraphQL request.
    expect(made(h, before)).toEqual({ graphql: 0, heads: 1 });
    expect(await metric(h, 'response', 'hit')).toBeGreaterThanOrEqual(1);
  });

  it('shares TerminusDB answers between operations that translate to the same query', async () => {
    await h.gql(`query A { tags(first: 3) { nodes { name } } }`);
    const before = h.requests.length;
    const b = await h.gql(`query B { tags(first: 3) { nodes { name } } }`);
    expect(b.body.errors).toBeUndefined();
    expect(made(h, before).graphql).toBe(0);
    expect(await metric(h, 'answer', 'hit')).toBeGreaterThanOrEqual(1);
  });

  it('reads the new head after a write by another client (head TTL 0)', async () => {
    const q = `{ tags(first: 100, filter: {name: {eq: "cache-other"}}) { totalCount } }`;
    expect((await h.gql(q)).body.data.tags.totalCount).toBe(0);
    await h.client.addDocument({ '@type': 'Tag', name: 'cache-other' }, {}, h.db, 'another client');
    expect((await h.gql(q)).body.data.tags.totalCount).toBe(1);
  });

  it('reads its own writes at once, and others\' within the head TTL', async () => {
    const q = (name: string): string => `{ tags(first: 100, filter: {name: {eq: "${name}"}}) { totalCount } }`;
    expect((await ttl.gql(q('cache-own'))).body.data.tags.totalCount).toBe(0);
    const w = await ttl.gql(`mutation { createTag(input: {name: "cache-own", color: "red"}, message: "own") { commitId } }`);
    expect(w.body.errors).toBeUndefined();
    expect((await ttl.gql(q('cache-own'))).body.data.tags.totalCount).toBe(1);

    expect((await ttl.gql(q('cache-theirs'))).body.data.tags.totalCount).toBe(0);
    await ttl.client.addDocument({ '@type': 'Tag', name: 'cache-theirs' }, {}, ttl.db, 'another client');
    // Within headTtlMs the cached head (and so the cached answer) may still be served …
    await new Promise((r) => setTimeout(r, 350));
    // … after it, the new head is read.
    expect((await ttl.gql(q('cache-theirs'))).body.data.tags.totalCount).toBe(1);
  });

  it('does not keep answers with errors', async () => {
    const q = `{ tags(ref: {commit: "nosuchcommit0000"}) { totalCount } }`;
    const before = h.requests.length;
    expect((await h.gql(q)).body.errors[0].extensions.code).toBe('COMMIT_NOT_FOUND');
    expect((await h.gql(q)).body.errors[0].extensions.code).toBe('COMMIT_NOT_FOUND');
    expect(made(h, before).graphql).toBe(2);
  });

  it('does not cache operations that are not commit-keyed reads', async () => {
    const q = `{ branches { name } }`;
    await h.gql(q);
    const hits = await metric(h, 'response', 'hit');
    await h.gql(q);
    expect(await metric(h, 'response', 'hit')).toBe(hits);
  });

  it('serves cursors pinned to a commit from the cache and equal to uncached answers', async () => {
    const off = await startCore({ cacheMb: 0 });
    try {
      const page = `query($after: String) { datasets(first: 3, after: $after) { edges { cursor node { id } } } }`;
      const a = await h.gql(page);
      const cursor = a.body.data.datasets.edges[2].cursor as string;
      const b1 = await h.gql(page, { after: cursor });
      const b2 = await h.gql(page, { after: cursor });
      expect(b2.body).toEqual(b1.body);
      const before = off.requests.length;
      await off.gql(NESTED);
      await off.gql(NESTED);
      expect(made(off, before).graphql).toBe(2);
      expect(Number.isNaN(await metric(off, 'response', 'hit')) || (await metric(off, 'response', 'hit')) === 0).toBe(true);
    } finally {
      await off.close();
    }
  });
});
