import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFilter, MemoryEventBus, type CommitEvent, type EventBus } from '../../lib/index.js';
import { CommitRelay } from '../../subgraphs/audit/index.js';
import { startAuditDb, type AuditHarness } from './harness.js';

async function events(bus: EventBus, db: string): Promise<CommitEvent[]> {
  const out: CommitEvent[] = [];
  for (let after = 0; ; ) {
    const page = await bus.replay<CommitEvent>({ subject: commitFilter(db), after, limit: 500 });
    if (page.messages.length === 0) return out;
    out.push(...page.messages.map((m) => m.data));
    after = page.cursor;
  }
}

describe('CommitRelay', () => {
  let h: AuditHarness;
  beforeAll(async () => {
    h = await startAuditDb();
  });
  afterAll(async () => h?.close());

  it('starts from the current heads, then publishes one event per commit with trailers and changes', async () => {
    const bus = new MemoryEventBus();
    const relay = new CommitRelay({ terminus: h.terminus, bus });
    expect(await relay.runOnce()).toBe(0);
    const c1 = await h.writeTag('relay-a');
    const c2 = await h.writeTag('relay-a', { color: '#ffffff', message: 'recolour\n\nTrace-Id: 0123\nUser-Sid: u7\nChange-Id: x1' });
    const c3 = await h.deleteDoc('Tag/relay-a');
    expect(await relay.runOnce()).toBe(3);
    const got = await events(bus, h.db);
    expect(got.map((e) => e.commit)).toEqual([c1, c2, c3]);
    expect(got[0]).toMatchObject({ kind: 'commit', branch: 'main', author: 'tester@test', userSid: 'tester', changes: [{ id: 'Tag/relay-a', type: 'Tag', op: 'inserted' }], changeCount: 1, truncated: false });
    expect(got[1]).toMatchObject({ parent: c1, traceId: '0123', userSid: 'u7', trailers: { 'Trace-Id': '0123', 'User-Sid': 'u7', 'Change-Id': 'x1' }, changes: [{ id: 'Tag/relay-a', type: 'Tag', op: 'updated' }] });
    expect(got[2]?.changes).toEqual([{ id: 'Tag/relay-a', type: 'Tag', op: 'deleted' }]);
    expect(await relay.runOnce()).toBe(0);
  });

  it('resumes from its durable cursor after a restart: nothing twice, nothing missed', async () => {
    const bus = new MemoryEventBus();
    await new CommitRelay({ terminus: h.terminus, bus }).runOnce();
    await h.writeTag('resume-1');
    await new CommitRelay({ terminus: h.terminus, bus }).runOnce();
    const missed = await h.writeTag('resume-2');
    const second = new CommitRelay({ terminus: h.terminus, bus });
    expect(await second.runOnce()).toBe(1);
    expect((await events(bus, h.db)).map((e) => e.commit).at(-1)).toBe(missed);
  });

  it('does not publish twice when it crashed between publish and cursor', async () => {
    const bus = new MemoryEventBus();
    await new CommitRelay({ terminus: h.terminus, bus }).runOnce();
    const c = await h.writeTag('crash');
    const crashing = new CommitRelay({ terminus: h.terminus, bus, afterPublish: () => { throw new Error('crash'); } });
    await expect(crashing.runOnce()).rejects.toThrow('crash');
    expect(await new CommitRelay({ terminus: h.terminus, bus }).runOnce()).toBe(0);
    expect((await events(bus, h.db)).filter((e) => e.commit === c)).toHaveLength(1);
  });

  it('publishes the commits of a new branch after its fork point, and the first write of an empty branch', async () => {
    const bus = new MemoryEventBus();
    const relay = new CommitRelay({ terminus: h.terminus, bus });
    await relay.runOnce();
    await h.client().branch('feature~relay');
    await h.client().branch('svc-relay', true);
    const f1 = await h.writeTag('on-feature', { branch: 'feature/relay' });
    expect(await relay.runOnce()).toBe(1);
    await h.client('svc-relay').addDocument({ '@id': 'Label/one', note: 'svc' }, { raw_json: true }, h.db, 'svc write');
    const s1 = await h.head('svc-relay');
    expect(await relay.runOnce()).toBe(1);
    const got = await events(bus, h.db);
    expect(got.map((e) => [e.branch, e.commit])).toEqual([['feature/relay', f1], ['svc-relay', s1]]);
    expect(got[1]?.parent).toBeNull();
    expect(got[1]?.changes).toEqual([{ id: 'Label/one', type: 'Label', op: 'inserted' }]);
  });

  it('publishes a reset event when a branch history is rewritten, and forgets deleted branches', async () => {
    const bus = new MemoryEventBus();
    const relay = new CommitRelay({ terminus: h.terminus, bus });
    await h.client().branch('feature~reset');
    const base = await h.head('feature/reset');
    await relay.runOnce();
    const r1 = await h.writeTag('reset-1', { branch: 'feature/reset' });
    await relay.runOnce();
    await h.client().resetBranch('feature~reset', `admin/${h.db}/local/commit/${base}`);
    expect(await relay.runOnce()).toBe(1);
    const reset = (await events(bus, h.db)).at(-1);
    expect(reset).toMatchObject({ kind: 'reset', branch: 'feature/reset', parent: r1, commit: base, changes: [{ id: 'Tag/reset-1', type: 'Tag', op: 'deleted' }] });
    await h.client().deleteBranch('feature~reset');
    await relay.runOnce();
    await h.client().branch('feature~reset');
    expect(await relay.runOnce()).toBe(0);
  });
});
