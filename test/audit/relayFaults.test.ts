import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFilter, consumeCommits, NatsEventBus, type CommitEvent, type EventBus } from '../../lib/index.js';
import { until } from '../events/bus.contract.js';
import { startNatsServer, type NatsServer } from '../events/natsServer.js';
import { startAuditProcess } from './auditProcess.js';
import { startAuditDb, type AuditHarness } from './harness.js';

async function stored(bus: EventBus, db: string): Promise<CommitEvent[]> {
  const out: CommitEvent[] = [];
  for (let after = 0; ; ) {
    const page = await bus.replay<CommitEvent>({ subject: commitFilter(db), after, limit: 500 });
    if (page.messages.length === 0) return out;
    out.push(...page.messages.map((m) => m.data));
    after = page.cursor;
  }
}

describe('commit relay faults (real processes: nats-server, audit subgraph)', () => {
  let nats: NatsServer;
  let h: AuditHarness;
  let bus: NatsEventBus;
  const key = randomBytes(16).toString('hex');
  const env = (): Record<string, string> => ({ TERMINUSDB_URL: h.kernel.url, TERMINUSDB_DB: h.db, NATS_URL: nats.url });

  beforeAll(async () => {
    nats = await startNatsServer();
    h = await startAuditDb({ seed: false });
    bus = await NatsEventBus.connect({ servers: nats.url });
  });
  afterAll(async () => {
    await bus?.close();
    await h?.close();
    await nats?.close();
  });

  it('publishes a commit made while the relay was down (killed between commit and publish) once, on restart', async () => {
    const first = await startAuditProcess({ ...env(), AUDIT_POLL_MS: '3600000' }, key);
    // The first pass sets the baselines; then nothing polls for an hour.
    for (let t = 0; t < 150 && (await fetch(`${first.url}/readyz`)).status !== 200; t++) await new Promise((r) => setTimeout(r, 100));
    const c1 = await h.writeTag('killed-before-publish');
    await first.kill();
    const second = await startAuditProcess({ ...env(), AUDIT_POLL_MS: '100' }, key);
    const deadline = Date.now() + 15_000;
    while (!(await stored(bus, h.db)).some((e) => e.commit === c1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    await second.kill();
    expect((await stored(bus, h.db)).filter((e) => e.commit === c1)).toHaveLength(1);
  }, 60_000);

  it('does not publish twice after a crash between publish and cursor save', async () => {
    const crashing = await startAuditProcess({ ...env(), AUDIT_POLL_MS: '100', AUDIT_TEST_CRASH_AFTER_PUBLISH: 'true' }, key);
    const c2 = await h.writeTag('crash-after-publish');
    await crashing.nudge();
    expect(await crashing.exited).toBe(137);
    const restarted = await startAuditProcess({ ...env(), AUDIT_POLL_MS: '100' }, key);
    const c3 = await h.writeTag('after-crash');
    await restarted.nudge();
    const deadline = Date.now() + 15_000;
    while (!(await stored(bus, h.db)).some((e) => e.commit === c3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await restarted.kill();
    const commits = (await stored(bus, h.db)).map((e) => e.commit);
    expect(commits.filter((c) => c === c2)).toHaveLength(1);
    expect(commits.slice(-2)).toEqual([c2, c3]);
  }, 60_000);

  it('loses and duplicates nothing when nats-server is killed and restarted while commits flow', async () => {
    const relay = await startAuditProcess({ ...env(), AUDIT_POLL_MS: '200' }, key);
    const received: string[] = [];
    const consumer = await NatsEventBus.connect({ servers: nats.url });
    const sub = await consumeCommits(consumer, { db: h.db, durable: `faults-${randomBytes(3).toString('hex')}`, start: { kind: 'new' }, handler: (e) => void received.push(e.commit) });
    const made: string[] = [];
    for (let i = 0; i < 30; i++) {
      if (i === 10) {
        await nats.kill();
        setTimeout(() => void nats.start(), 1_000);
      }
      made.push(await h.writeTag(`flow-${i}`));
      await relay.nudge();
      await new Promise((r) => setTimeout(r, 50));
    }
    await until(() => received.length >= made.length, 30_000, `${made.length} events (got ${received.length})`);
    await new Promise((r) => setTimeout(r, 1_000));
    await sub.close();
    await consumer.close();
    await relay.kill();
    expect(received).toEqual(made);
    const all = (await stored(bus, h.db)).map((e) => e.commit);
    expect(new Set(all).size).toBe(all.length);
  }, 90_000);
});
