import { AckPolicy, DeliverPolicy, nanos, type JetStreamClient, type JetStreamManager, type JsMsg, type ConsumerMessages } from 'nats';
import type { Delivery, Gap, SubscribeOptions, Subscription } from './EventBus.js';

/** What a NATS subscription needs from its bus. */
export interface NatsSubscriptionContext {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  /** The gap a read after `cursor` would have (from stream info). */
  gapAfter(cursor: number): Promise<Gap | undefined>;
  /** Reports unexpected consume failures (they are retried). */
  onError(err: unknown): void;
  /** Calls `listener` after each reconnect to the server until the returned function is called. */
  onReconnect(listener: () => void): () => void;
}

/** How often a durable subscription checks that it is not stalled (ms). */
const WATCHDOG_MS = 3_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function deliverFrom(options: SubscribeOptions): { deliver_policy: DeliverPolicy; opt_start_seq?: number } {
  const start = options.start ?? { kind: 'new' };
  if (start.kind === 'first') return { deliver_policy: DeliverPolicy.All };
  if (start.kind === 'new') return { deliver_policy: DeliverPolicy.New };
  return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.seq + 1 };
}

/**
 * Confirms an ack with the server (one attempt). When the answer does not come (broker restarting),
 * the message will be redelivered; `consume()` recognises work already done by its message id.
 */
async function confirmAck(m: JsMsg): Promise<void> {
  try {
    await m.ackAck({ timeout: 2_000 });
  } catch {
    // redelivered later
  }
}

/** Creates the durable consumer unless it exists; reports a gap when a new one starts before retention. */
async function ensureDurable(ctx: NatsSubscriptionContext, options: SubscribeOptions & { durable: string }): Promise<void> {
  try {
    await ctx.jsm.consumers.info(ctx.stream, options.durable);
    return;
  } catch (err) {
    if (!/consumer not found/i.test((err as Error).message)) throw err;
  }
  const start = options.start;
  if (start?.kind === 'after') {
    const gap = await ctx.gapAfter(start.seq);
    if (gap !== undefined) options.onGap?.(gap);
  }
  await ctx.jsm.consumers.add(ctx.stream, {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    ...deliverFrom(options),
    filter_subject: options.subject,
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
    max_ack_pending: Math.max(1, options.maxAckPending ?? 1),
    max_deliver: -1,
  });
}

/**
 * Runs a subscription: a durable pull consumer with explicit acks, or an ordered consumer (no acks)
 * when `durable` is absent. The consume loop is restarted with backoff whenever it ends without
 * `close()` (broker restart, consumer lost), so delivery resumes after recovery.
 */
export async function natsSubscribe<T>(ctx: NatsSubscriptionContext, options: SubscribeOptions, handler: (d: Delivery<T>) => void | Promise<void>): Promise<Subscription> {
  const durable = options.durable;
  if (durable !== undefined) await ensureDurable(ctx, { ...options, durable });
  else {
    const start = options.start;
    if (start?.kind === 'after') {
      const gap = await ctx.gapAfter(start.seq);
      if (gap !== undefined) options.onGap?.(gap);
    }
  }
  let active = true;
  let inHandler = false;
  let current: ConsumerMessages | undefined;
  // Ordered consumers resume after the last sequence they delivered.
  let lastSeq = options.start?.kind === 'after' ? options.start.seq : undefined;

  const toDelivery = (m: JsMsg): Delivery<T> => ({
    subject: m.subject,
    seq: m.seq,
    msgId: m.headers?.get('Nats-Msg-Id') ?? '',
    time: Math.floor(m.info.timestampNanos / 1e6),
    data: m.json<T>(),
    deliveryCount: durable === undefined ? 1 : m.info.deliveryCount,
    ack: durable === undefined ? async () => {} : () => confirmAck(m),
    nak: durable === undefined ? () => {} : (delayMs?: number) => m.nak(delayMs),
    working: durable === undefined ? () => {} : () => m.working(),
  });

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (active) {
      try {
        const consumer =
          durable !== undefined
            ? await ctx.js.consumers.get(ctx.stream, durable)
            : await ctx.js.consumers.get(ctx.stream, {
                filterSubjects: options.subject,
                ...(lastSeq === undefined ? { deliver_policy: deliverFrom(options).deliver_policy } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 }),
              });
        const messages = await consumer.consume({ max_messages: Math.max(1, Math.min(256, options.maxAckPending ?? 1)), idle_heartbeat: 1_000, expires: 5_000 });
        current = messages;
        if (!active) messages.stop();
        for await (const m of messages) {
          failures = 0;
          const delivery = toDelivery(m);
          lastSeq = m.seq;
          lastActivity = Date.now();
          inHandler = true;
          try {
            await handler(delivery);
          } catch {
            delivery.nak();
          } finally {
            inHandler = false;
            lastActivity = Date.now();
          }
          if (!active) break;
        }
      } catch (err) {
        if (!active) break;
        ctx.onError(err);
        if (durable !== undefined && /consumer not found/i.test((err as Error).message)) {
          await ensureDurable(ctx, { ...options, durable }).catch(() => undefined);
        }
      }
      if (active) await sleep(Math.min(2_000, 50 * 2 ** failures++));
    }
  };
  // nats.js can leave a consume loop without pull requests after a broker restart (its reset runs
  // while JetStream is still recovering): restart the loop after every reconnect, and when a durable
  // consumer has messages waiting but nothing arrived for a while.
  let lastActivity = Date.now();
  const restart = (): void => {
    lastActivity = Date.now();
    current?.stop();
  };
  const offReconnect = ctx.onReconnect(() => setTimeout(restart, 250));
  const watchdog = setInterval(() => {
    if (durable === undefined || Date.now() - lastActivity < WATCHDOG_MS || inHandler) return;
    void ctx.jsm.consumers
      .info(ctx.stream, durable)
      .then((info) => {
        if (info.num_pending > 0 && info.num_ack_pending === 0 && Date.now() - lastActivity >= WATCHDOG_MS) restart();
      })
      .catch(() => undefined);
  }, WATCHDOG_MS);
  watchdog.unref();
  const done = loop();
  const subscription: Subscription = {
    close: async () => {
      if (!active) return;
      active = false;
      clearInterval(watchdog);
      offReconnect();
      current?.stop();
      await done;
    },
    [Symbol.asyncDispose]: () => subscription.close(),
  };
  return subscription;
}
