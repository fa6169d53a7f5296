// Refs (branch, commit, asOf), cursors pinned to the first page's commit, N+1 and _entities batching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type CoreHarness } from './harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
});
afterAll(() => h.close());

const tagCount = (): number => h.seed.filter((d) => d['@type'] === 'Tag').length;

describe('time travel and stable paging', () => {
  it('reads a branch, a commit and a point in time', async () => {
    const before = await h.head();
    await new Promise((r) => setTimeout(r, 1100));
    const t = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await new Promise((r) => setTimeout(r, 1100));
    await h.client.addDocument({ '@type': 'Tag', name: 'time-travel' }, {}, h.db, 'another client');
    const r = await h.gql(`query($c: String, $t: DateTime) { now: tags { totalCount } then: tags(ref: {commit: $c}) { totalCount } asOf: tags(ref: {asOf: $t}) { totalCount } main: tags(ref: {branch: "main"}) { totalCount } }`, { c: before, t });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.now.totalCount).toBe(tagCount() + 1);
    expect(r.body.data.main.totalCount).toBe(tagCount() + 1);
    expect(r.body.data.then.totalCount).toBe(tagCount());
    expect(r.body.data.asOf.totalCount).toBe(tagCount());
  });

  it('keeps paging on the first page’s commit while another client writes', async () => {
    const first = await h.gql('{ people(first: 5) { totalCount edges { node { id } } pageInfo { endCursor } } }');
    const total = first.body.data.people.totalCount as number;
    await h.client.addDocument({ '@type': 'Person', handle: 'aaaa.first', fullName: 'A First', email: 'a@x.example', active: true, joinedOn: '2024-01-01' }, {}, h.db, 'writer');
    const second = await h.gql('query($a: String) { people(first: 5, after: $a) { totalCount edges { node { id } } } }', { a: first.body.data.people.pageInfo.endCursor });
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data.people.totalCount).toBe(total);
    const fresh = await h.gql('{ people(first: 1) { totalCount } }');
    expect(fresh.body.data.people.totalCount).toBe(total + 1);
  });

  it('rejects bad refs and cursors with stable codes', async () => {
    const r = await h.gql(`{ a: tags(ref: {branch: "main", commit: "abc"}) { totalCount } }`);
    expect(r.body.errors[0].extensions.code).toBe('INVALID_REF');
    const b = await h.gql(`{ tags(ref: {branch: "feature/nope"}) { totalCount } }`);
    expect(b.body.errors[0].extensions.code).toBe('BRANCH_NOT_FOUND');
    const c = await h.gql(`{ tags(ref: {commit: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"}) { totalCount } }`);
    expect(c.body.errors[0].extensions.code).toBe('COMMIT_NOT_FOUND');
    const d = await h.gql(`{ tags(after: "not-a-cursor") { totalCount } }`);
    expect(d.body.errors[0].extensions.code).toBe('INVALID_CURSOR');
    const page = await h.gql('{ tags(first: 1) { pageInfo { endCursor } } }');
    const e = await h.gql(`query($a: String) { tags(after: $a, filter: {name: {eq: "x"}}) { totalCount } }`, { a: page.body.data.tags.pageInfo.endCursor });
    expect(e.body.errors[0].extensions.code).toBe('INVALID_CURSOR');
    const f = await h.gql(`{ tags(ref: {asOf: "1999-01-01T00:00:00Z"}) { totalCount } }`);
    expect(f.body.errors[0].extensions.code).toBe('COMMIT_NOT_FOUND');
  });
});

describe('request counts', () => {
  it('reads a list of 20 with nested links and backlinks in ONE request (+ one head lookup)', async () => {
    const before = h.requests.length;
    const r = await h.gql(`{ datasets(first: 20) { totalCount edges { cursor node { id name project { name organisation { name } } owner { ... on Team { name lead { fullName } } }
      tags { nodes { name } } consumers { totalCount nodes { name pipeline { name } } } producers { nodes { name } } incidents { nodes { title } } notes { nodes { body author { handle } } } } } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.datasets.edges).toHaveLength(20);
    const made = h.requests.slice(before);
    expect(made.filter((p) => p.includes('/api/graphql/'))).toHaveLength(1);
    expect(made.length).toBeLessThanOrEqual(2);
  });

  it('batches _entities of several types into one request', async () => {
    const ids = (type: string, n: number): string[] => h.seed.filter((d) => d['@type'] === type).slice(0, n).map((d) => String(d['@id']));
    const reps = [...ids('Person', 5).map((id) => ({ __typename: 'Person', id })), ...ids('Dataset', 5).map((id) => ({ __typename: 'Dataset', id })), { __typename: 'Dataset', id: 'Dataset/nope' }, ...ids('Dashboard', 2).map((id) => ({ __typename: 'Asset', id }))];
    const before = h.requests.length;
    const r = await h.gql(`query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Person { id handle } ... on Dataset { id path owner { __typename } } ... on Asset { id name } } }`, { r: reps });
    expect(r.body.errors).toBeUndefined();
    const out = r.body.data._entities as ({ __typename: string; id: string } | null)[];
    expect(out).toHaveLength(reps.length);
    expect(out.slice(0, 5).map((e) => e?.id)).toEqual(ids('Person', 5));
    expect(out.slice(5, 10).map((e) => e?.id)).toEqual(ids('Dataset', 5));
    expect(out[10]).toBeNull();
    expect(out[11]?.__typename).toBe('Dashboard');
    expect(h.requests.slice(before).filter((p) => p.includes('/api/graphql/'))).toHaveLength(1);
  });
});
