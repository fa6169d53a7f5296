import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consume, NatsEventBus, type EventBus } from '../../lib/index.js';
import { testStream, until } from './bus.contract.js';
import { startNatsServer, type NatsServer } from './natsServer.js';

/** Publishes until the bus confirms (a real publisher keeps trying; the message id makes it safe). */
async function publishSurely(bus: EventBus, subject: string, data: unknown, msgId: string): Promise<void> {
  for (;;) {
    try {
      await bus.publish(subject, data, { msgId });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('NatsEventBus across nats-server restarts', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => server?.close());

  for (const how of ['kill', 'stop'] as const) {
    it(`delivers every message exactly once to a consumer when the server is ${how === 'kill' ? 'killed (SIGKILL)' : 'stopped'} and restarted mid-stream`, async () => {
      const s = testStream();
      const publisher = await NatsEventBus.connect({ servers: server.url, streams: [s], publishTimeoutMs: 1_000, publishRetries: 2 });
      const consumer = await NatsEventBus.connect({ servers: server.url, streams: [s] });
      const handled: string[] = [];
      const sub = await consume<{ i: number }>(consumer, { subject: `${s.prefix}.>`, durable: 'restart', start: { kind: 'first' }, concurrency: 16, ackWaitMs: 2_000, handler: (_d, m) => void handled.push(m.msgId) });
      const total = 300;
      let restarted: Promise<void> | undefined;
      for (let i = 0; i < total; i++) {
        if (i === 120) {
          await server[how]();
          restarted = new Promise((r) => setTimeout(r, 700)).then(() => server.start());
        }
        await publishSurely(publisher, `${s.prefix}.${i % 3}`, { i }, `m${i}`);
      }
      await restarted;
      await until(() => handled.length >= total, 30_000, `${total} messages (got ${handled.length})`);
      await new Promise((r) => setTimeout(r, 2_500)); // longer than ack wait: redeliveries would show up
      await sub.close();
      expect(new Set(handled).size).toBe(total);
      expect(handled.length).toBe(total);
      // The stream itself holds each message once (retried publishes were de-duplicated).
      const stored: string[] = [];
      for (let after = 0; ; ) {
        const page = await publisher.replay({ subject: `${s.prefix}.>`, after, limit: 500 });
        stored.push(...page.messages.map((m) => m.msgId));
        if (page.messages.length === 0) break;
        after = page.cursor;
      }
      expect(stored.length).toBe(total);
      expect(new Set(stored).size).toBe(total);
      await publisher.close();
      await consumer.close();
    }, 90_000);
  }
});
