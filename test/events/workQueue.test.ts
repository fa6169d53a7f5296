/** JetStream work-queue streams (`retention: 'workqueue'`): what the scheduler's due runs rely on. */
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsEventBus, SCHEDULER_WORK_STREAM, type StreamSpec } from '../../lib/index.js';
import { until } from './bus.contract.js';
import { startNatsServer, type NatsServer } from './natsServer.js';

describe('work-queue streams on NATS JetStream', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => server?.close());

  async function storedMessages(stream: string): Promise<number> {
    const nc = await connect({ servers: server.url });
    try {
      return (await (await nc.jetstreamManager()).streams.info(stream)).state.messages;
    } finally {
      await nc.close();
    }
  }

  it('removes a message once acknowledged, de-duplicates by message id, and shares one durable consumer between subscribers', async () => {
    const id = randomBytes(3).toString('hex');
    const spec: StreamSpec = { ...SCHEDULER_WORK_STREAM, name: `WQ${id.toUpperCase()}`, prefix: `wq${id}` };
    await using a = await NatsEventBus.connect({ servers: server.url, streams: [spec] });
    await using b = await NatsEventBus.connect({ servers: server.url, streams: [spec] });
    const handled: string[] = [];
    const options = { subject: `${spec.prefix}.db`, durable: 'workers', start: { kind: 'first' as const }, maxAckPending: 4 };
    const subA = await a.subscribe<{ n: number }>(options, async (d) => {
      handled.push(`a${d.data.n}`);
      await d.ack();
    });
    const subB = await b.subscribe<{ n: number }>(options, async (d) => {
      handled.push(`b${d.data.n}`);
      await d.ack();
    });
    for (let n = 0; n < 20; n++) {
      expect((await a.publish(`${spec.prefix}.db`, { n }, { msgId: `m${n}` })).duplicate).toBe(false);
      expect((await b.publish(`${spec.prefix}.db`, { n }, { msgId: `m${n}` })).duplicate).toBe(true);
    }
    await until(() => handled.length >= 20, 10_000, 'every message handled');
    await new Promise((r) => setTimeout(r, 300));
    expect(handled.map((h) => Number(h.slice(1))).sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    expect(await storedMessages(spec.name)).toBe(0);
    await subA.close();
    await subB.close();
  });
});
