/**
 * The EventBus contract: one suite, run against every implementation (`memoryBus.test.ts`,
 * `natsBus.test.ts`). A harness opens bus connections to one backend, so a test can "restart" a
 * subscriber by closing its bus and opening another.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consume, type Delivery, type EventBus, type Gap, type StreamSpec, type SubscribeOptions } from '../../lib/index.js';

/** Opens buses on one backend. */
export interface BusHarness {
  /** A new connection to the backend with these streams. */
  open(streams: readonly StreamSpec[]): Promise<EventBus>;
  close(): Promise<void>;
}

/** A fresh stream (unique name and prefix) for one test. */
export function testStream(overrides: Partial<StreamSpec> = {}): StreamSpec {
  const id = randomBytes(4).toString('hex');
  return { name: `T${id.toUpperCase()}`, prefix: `t${id}`, maxAgeMs: 0, maxMsgs: 0, maxMsgsPerSubject: 0, duplicateWindowMs: 60_000, ...overrides };
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function until(cond: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Subscribes and records deliveries; `ack` decides per delivery whether to ack (default yes). */
export async function collect<T>(bus: EventBus, options: SubscribeOptions, ack: (d: Delivery<T>) => 'ack' | 'nak' | 'none' = () => 'ack') {
  const seen: Delivery<T>[] = [];
  const sub = await bus.subscribe<T>(options, async (d) => {
    seen.push(d);
    const what = ack(d);
    if (what === 'ack') await d.ack();
    else if (what === 'nak') d.nak();
  });
  return { seen, sub, data: () => seen.map((d) => d.data) };
}

/** Runs the contract against one implementation. */
export function busContract(name: string, makeHarness: () => Promise<BusHarness>): void {
  describe(`EventBus contract: ${name}`, () => {
    let harness: BusHarness;
    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterAll(async () => harness?.close());

    it('stores a message once per message id and says when a publish was a duplicate', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      const first = await bus.publish(`${s.prefix}.a`, { n: 1 }, { msgId: 'c1' });
      const again = await bus.publish(`${s.prefix}.a`, { n: 1 }, { msgId: 'c1' });
      const other = await bus.publish(`${s.prefix}.a`, { n: 2 }, { msgId: 'c2' });
      expect(first).toEqual({ stream: s.name, seq: 1, duplicate: false });
      expect(again).toEqual({ stream: s.name, seq: 1, duplicate: true });
      expect(other.seq).toBe(2);
      const page = await bus.replay<{ n: number }>({ subject: `${s.prefix}.>`, after: 0 });
      expect(page.messages.map((m) => [m.msgId, m.data.n])).toEqual([['c1', 1], ['c2', 2]]);
    });

    it('delivers the messages of each subject in publish order', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      for (let i = 0; i < 20; i++) await bus.publish(`${s.prefix}.${i % 2 === 0 ? 'even' : 'odd'}`, { i }, { msgId: `m${i}` });
      const got = await collect<{ i: number }>(bus, { subject: `${s.prefix}.>`, durable: 'order', start: { kind: 'first' }, maxAckPending: 5 });
      await until(() => got.seen.length >= 20);
      await got.sub.close();
      const bySubject = (sub: string) => got.seen.filter((d) => d.subject === `${s.prefix}.${sub}`).map((d) => d.data.i);
      expect(bySubject('even')).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
      expect(bySubject('odd')).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
      expect(got.seen.map((d) => d.seq)).toEqual([...Array(20).keys()].map((k) => k + 1));
    });

    it('resumes a durable consumer where it stopped after the subscriber restarts', async () => {
      const s = testStream();
      await using publisher = await harness.open([s]);
      for (let i = 0; i < 3; i++) await publisher.publish(`${s.prefix}.x`, { i }, { msgId: `a${i}` });
      const first = await harness.open([s]);
      const a = await collect<{ i: number }>(first, { subject: `${s.prefix}.>`, durable: 'resume', start: { kind: 'first' } });
      await until(() => a.seen.length === 3);
      await first.close();
      for (let i = 3; i < 5; i++) await publisher.publish(`${s.prefix}.x`, { i }, { msgId: `a${i}` });
      await using second = await harness.open([s]);
      const b = await collect<{ i: number }>(second, { subject: `${s.prefix}.>`, durable: 'resume', start: { kind: 'first' } });
      await until(() => b.seen.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(a.data().map((d) => d.i)).toEqual([0, 1, 2]);
      expect(b.data().map((d) => d.i)).toEqual([3, 4]);
    });

    it('redelivers a nak-ed message before later ones, then continues', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      for (let i = 0; i < 3; i++) await bus.publish(`${s.prefix}.x`, { i }, { msgId: `n${i}` });
      const got = await collect<{ i: number }>(bus, { subject: `${s.prefix}.>`, durable: 'nak', start: { kind: 'first' } }, (d) => (d.data.i === 1 && d.deliveryCount === 1 ? 'nak' : 'ack'));
      await until(() => got.seen.length === 4);
      expect(got.seen.map((d) => [d.data.i, d.deliveryCount])).toEqual([[0, 1], [1, 1], [1, 2], [2, 1]]);
    });

    it('redelivers a message that is not acknowledged within the ack wait', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      await bus.publish(`${s.prefix}.x`, { i: 0 }, { msgId: 'w0' });
      const got = await collect<{ i: number }>(bus, { subject: `${s.prefix}.>`, durable: 'wait', start: { kind: 'first' }, ackWaitMs: 300 }, (d) => (d.deliveryCount === 1 ? 'none' : 'ack'));
      await until(() => got.seen.length === 2);
      expect(got.seen.map((d) => d.deliveryCount)).toEqual([1, 2]);
    });

    it('does not redeliver a message whose handler keeps saying it is working, and redelivers it once it stops', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      await bus.publish(`${s.prefix}.x`, { i: 0 }, { msgId: 'k0' });
      const seen: number[] = [];
      let beat: NodeJS.Timeout | undefined;
      const sub = await bus.subscribe<{ i: number }>({ subject: `${s.prefix}.>`, durable: 'working', start: { kind: 'first' }, ackWaitMs: 500, maxAckPending: 2 }, (d) => {
        seen.push(d.deliveryCount);
        if (d.deliveryCount === 1) beat = setInterval(() => d.working(), 150);
        else void d.ack();
      });
      await new Promise((r) => setTimeout(r, 1_500)); // three ack waits
      expect(seen).toEqual([1]);
      clearInterval(beat);
      await until(() => seen.length === 2, 5_000, 'the redelivery');
      expect(seen).toEqual([1, 2]);
      await sub.close();
    });

    it('replays from a cursor in pages', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      for (let i = 0; i < 5; i++) await bus.publish(`${s.prefix}.${i === 2 ? 'other' : 'x'}`, { i }, { msgId: `r${i}` });
      const page = await bus.replay<{ i: number }>({ subject: `${s.prefix}.x`, after: 1, limit: 2 });
      expect(page.gap).toBeUndefined();
      expect(page.messages.map((m) => m.data.i)).toEqual([1, 3]);
      const next = await bus.replay<{ i: number }>({ subject: `${s.prefix}.x`, after: page.cursor });
      expect(next.messages.map((m) => m.data.i)).toEqual([4]);
      const end = await bus.replay({ subject: `${s.prefix}.x`, after: next.cursor });
      expect(end).toEqual({ messages: [], cursor: 5 });
    });

    it('signals a gap when the cursor is older than the retention, and continues at the oldest message', async () => {
      const s = testStream({ maxMsgs: 3 });
      await using bus = await harness.open([s]);
      for (let i = 0; i < 6; i++) await bus.publish(`${s.prefix}.x`, { i }, { msgId: `g${i}` });
      const page = await bus.replay<{ i: number }>({ subject: `${s.prefix}.>`, after: 1 });
      expect(page.gap).toEqual({ requestedSeq: 2, firstAvailableSeq: 4 });
      expect(page.messages.map((m) => m.seq)).toEqual([4, 5, 6]);
      expect((await bus.replay({ subject: `${s.prefix}.>`, after: 3 })).gap).toBeUndefined();
      const gaps: Gap[] = [];
      const got = await collect<{ i: number }>(bus, { subject: `${s.prefix}.>`, start: { kind: 'after', seq: 1 }, onGap: (g) => gaps.push(g) });
      await until(() => got.seen.length === 3);
      expect(gaps).toEqual([{ requestedSeq: 2, firstAvailableSeq: 4 }]);
      expect(got.seen.map((d) => d.seq)).toEqual([4, 5, 6]);
    });

    it('starts a subscription from now or after a cursor', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      for (let i = 0; i < 3; i++) await bus.publish(`${s.prefix}.x`, { i }, { msgId: `s${i}` });
      const fromNow = await collect<{ i: number }>(bus, { subject: `${s.prefix}.>` });
      const fromCursor = await collect<{ i: number }>(bus, { subject: `${s.prefix}.>`, start: { kind: 'after', seq: 2 } });
      await new Promise((r) => setTimeout(r, 200));
      await bus.publish(`${s.prefix}.x`, { i: 3 }, { msgId: 's3' });
      await until(() => fromNow.seen.length === 1 && fromCursor.seen.length === 2);
      expect(fromNow.data().map((d) => d.i)).toEqual([3]);
      expect(fromCursor.data().map((d) => d.i)).toEqual([2, 3]);
    });

    it('answers the newest message of a subject', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      expect(await bus.last(`${s.prefix}.a`)).toBeUndefined();
      await bus.publish(`${s.prefix}.a`, { v: 1 }, { msgId: 'l1' });
      await bus.publish(`${s.prefix}.b`, { v: 2 }, { msgId: 'l2' });
      await bus.publish(`${s.prefix}.a`, { v: 3 }, { msgId: 'l3' });
      expect(await bus.last(`${s.prefix}.a`)).toMatchObject({ subject: `${s.prefix}.a`, seq: 3, msgId: 'l3', data: { v: 3 } });
    });

    it('keeps one message per subject in a last-value stream', async () => {
      const s = testStream({ maxMsgsPerSubject: 1 });
      await using bus = await harness.open([s]);
      for (let i = 0; i < 3; i++) await bus.publish(`${s.prefix}.k`, { i }, { msgId: `k${i}` });
      expect((await bus.last<{ i: number }>(`${s.prefix}.k`))?.data).toEqual({ i: 2 });
      expect((await bus.replay({ subject: `${s.prefix}.>`, after: 0 })).messages).toHaveLength(1);
    });

    it('consume() retries a failing handler and handles each message once', async () => {
      const s = testStream();
      await using bus = await harness.open([s]);
      const handled: number[] = [];
      let failures = 0;
      const sub = await consume<{ i: number }>(bus, {
        subject: `${s.prefix}.>`,
        durable: 'worker',
        start: { kind: 'first' },
        retryDelayMs: 20,
        handler: (data) => {
          if (data.i === 1 && failures++ < 2) throw new Error('not yet');
          handled.push(data.i);
        },
      });
      for (let i = 0; i < 4; i++) await bus.publish(`${s.prefix}.x`, { i }, { msgId: `c${i}` });
      await until(() => handled.length === 4);
      await sub.close();
      expect(handled).toEqual([0, 1, 2, 3]);
      expect(failures).toBe(3);
    });
  });
}
