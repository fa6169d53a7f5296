import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue } from '../router/fixtures/metricValue.js';
import { startStack, subscribe, subscribers, token, type Stack, type Subscriber } from './harness.js';

const QUERY = `subscription($types: [String!], $after: String) {
  commitAdded(branch: "main", types: $types, after: $after) {
    cursor kind commitId missedEvents changes { id type op }
    commit { id author changes { id op document { __typename ... on Tag { name color } } } }
  }
}`;

describe('Subscription.commitAdded over graphql-ws', () => {
  let s: Stack;
  let bearer: string;
  const { sub, live, closeAll, forget } = subscribers(() => s, QUERY);
  const commitIds = (o: Subscriber): string[] => o.events.map((e) => e.data?.commitAdded?.commitId as string);

  beforeAll(async () => {
    s = await startStack({ subscriptions: { maxPerConnection: 3, maxPerToken: 4 } });
    bearer = `Bearer ${await token()}`;
  });
  afterAll(async () => {
    await closeAll().catch(() => undefined);
    await s?.close();
  });

  it('delivers a commit with its federated fields (the changed Tag from the core subgraph)', async () => {
    const a = sub(bearer);
    await live(1);
    const head = await s.db.writeTag('ws-one', { color: '#112233' });
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    expect(a.events[0].errors).toBeUndefined();
    expect(a.events[0].data.commitAdded).toEqual({
      cursor: expect.stringMatching(/^\d+$/),
      kind: 'COMMIT',
      commitId: head,
      missedEvents: false,
      changes: [{ id: 'Tag/ws-one', type: 'Tag', op: 'INSERTED' }],
      commit: { id: head, author: 'tester@test', changes: [{ id: 'Tag/ws-one', op: 'INSERTED', document: { __typename: 'Tag', name: 'ws-one', color: '#112233' } }] },
    });
    const metrics = await s.router.metrics.registry.metrics();
    expect(metricValue(metrics, 'router_subscriptions', { state: 'live' })).toBe(1);
    expect(metricValue(metrics, 'router_subscription_frames_total', {})).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'router_subscription_socket_writes_total', {})).toBeGreaterThanOrEqual(1);
    await closeAll();
  });

  it('filters by types', async () => {
    const tags = sub(bearer, { types: ['Tag'] });
    const people = sub(bearer, { types: ['Person'] });
    await live(2);
    const head = await s.db.writeTag('ws-two');
    await expect.poll(() => tags.events.length, { timeout: 10_000 }).toBe(1);
    expect(commitIds(tags)).toEqual([head]);
    await new Promise((r) => setTimeout(r, 300));
    expect(people.events).toEqual([]);
    await closeAll();
  });

  it('resumes after a cursor with every missed commit exactly once, then continues live', async () => {
    const a = sub(bearer);
    await live(1);
    await s.db.writeTag('ws-r0');
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    const cursor = a.events[0].data.commitAdded.cursor as string;
    await closeAll();
    const missed = [await s.db.writeTag('ws-r1'), await s.db.writeTag('ws-r2'), await s.db.writeTag('ws-r3')];
    await expect.poll(async () => (await s.relay.runOnce()) === 0 && (await s.db.head()) === missed[2], { timeout: 10_000 }).toBe(true);
    const b = sub(bearer, { after: cursor });
    await live(1);
    await expect.poll(() => b.events.length, { timeout: 10_000 }).toBe(3);
    const next = await s.db.writeTag('ws-r4');
    await expect.poll(() => b.events.length, { timeout: 10_000 }).toBe(4);
    await new Promise((r) => setTimeout(r, 300));
    expect(commitIds(b)).toEqual([...missed, next]);
    expect(b.events.every((e) => e.data.commitAdded.missedEvents === false)).toBe(true);
    await closeAll();
  });

  it('a resumed client gets every commit made while the router was down, exactly once', async () => {
    const a = sub(bearer);
    await live(1);
    await s.db.writeTag('ws-d0');
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    const cursor = a.events[0].data.commitAdded.cursor as string;
    await s.restartRouter();
    await expect.poll(() => a.closeCode, { timeout: 5_000 }).toBeDefined();
    forget();
    const missed = [await s.db.writeTag('ws-d1'), await s.db.writeTag('ws-d2')];
    const b = sub(bearer, { after: cursor });
    await expect.poll(() => b.events.length, { timeout: 10_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(commitIds(b)).toEqual(missed);
    await closeAll();
  });

  it('signals a gap when the cursor is older than what the stream retains', async () => {
    const a = sub(bearer);
    await live(1);
    await s.db.writeTag('ws-g0');
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    const old = Number(a.events[0].data.commitAdded.cursor);
    await closeAll();
    const kept = await s.db.writeTag('ws-g1');
    await expect.poll(async () => (await s.relay.runOnce()) === 0 && (await s.db.head()) === kept, { timeout: 10_000 }).toBe(true);
    const nc = await connect({ servers: s.nats.url });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.purge('COMMITS', { keep: 1 });
    await nc.close();
    const b = sub(bearer, { after: String(old - 1) });
    await expect.poll(() => b.events.length, { timeout: 10_000 }).toBe(1);
    expect(b.events[0].data.commitAdded).toMatchObject({ commitId: kept, missedEvents: true });
    expect(b.events[0].extensions).toEqual({ missedEvents: { requestedCursor: String(old - 1), firstAvailableCursor: b.events[0].data.commitAdded.cursor } });
    await closeAll();
  });

  it('closes the socket with 4403 for a bad, missing-when-required or expired token', async () => {
    const bad = sub('Bearer not-a-jwt');
    await expect.poll(() => bad.closeCode, { timeout: 5_000 }).toBe(4403);
    const lateToken = await token('carol', ['read'], 1);
    // `exp` is whole seconds: a 3 s token has 2–3 s left, time enough to be live before it expires.
    const expiring = sub(`Bearer ${await token('bob', ['read'], 3)}`);
    await live(1);
    // It expires while subscribed: the socket closes with 4403 when it does, with no event needed.
    await expect.poll(() => expiring.closeCode, { timeout: 10_000 }).toBe(4403);
    expect(expiring.events).toEqual([]);
    expect(s.router.subscriptions().live).toBe(0);
    const late = sub(`Bearer ${lateToken}`);
    await expect.poll(() => late.closeCode, { timeout: 5_000 }).toBe(4403);
    await closeAll();
  });

  it('refuses an anonymous subscriber (@authenticated) and enforces the per-connection and per-token limits', async () => {
    const anonymous = sub(undefined);
    await expect.poll(() => anonymous.errors.length, { timeout: 5_000 }).toBe(1);
    expect(JSON.stringify(anonymous.errors[0])).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
    await closeAll();

    const one = subscribe(s.wsUrl(), bearer, QUERY);
    const errors: unknown[] = [];
    const stops = Array.from({ length: 4 }, () => one.client.subscribe({ query: QUERY }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined }));
    await expect.poll(() => errors.length, { timeout: 5_000 }).toBe(2); // 1 + 4 on one connection, 3 allowed
    expect(JSON.stringify(errors[0])).toContain('maxPerConnection');
    const other = sub(bearer); // 4th of this token: allowed
    const fifth = sub(bearer);
    await expect.poll(() => fifth.errors.length, { timeout: 5_000 }).toBe(1);
    expect(JSON.stringify(fifth.errors[0])).toContain('maxPerToken');
    expect(other.errors).toEqual([]);
    for (const stop of stops) stop();
    await one.dispose();
    await closeAll();
  });

  it('survives a supergraph hot reload (same stream, lookup re-planned on the new schema)', async () => {
    const a = sub(bearer);
    await live(1);
    const before = s.router.schema()?.id;
    expect((await s.router.reload(`${s.sdl}\n# reloaded\n`)).status).toBe('loaded');
    expect(s.router.schema()?.id).not.toBe(before);
    const head = await s.db.writeTag('ws-hot', { color: '#abcdef' });
    await expect.poll(() => a.events.length, { timeout: 10_000 }).toBe(1);
    expect(a.events[0].data.commitAdded.commit).toEqual({ id: head, author: 'tester@test', changes: [{ id: 'Tag/ws-hot', op: 'INSERTED', document: { __typename: 'Tag', name: 'ws-hot', color: '#abcdef' } }] });
    expect(a.closeCode).toBeUndefined();
    await closeAll();
  });
});
