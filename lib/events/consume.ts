import type { BusMessage, EventBus, StartAt, Subscription } from './EventBus.js';

/** Options of {@link consume}. */
export interface ConsumeOptions<T> {
  /** Subject filter, e.g. `commits.catalog.>`. */
  readonly subject: string;
  /** Durable consumer name: one per consuming service (e.g. `embedding`); replicas share it. */
  readonly durable: string;
  /** Where a new consumer starts (default `new`); an existing one resumes. */
  readonly start?: StartAt;
  /** Processes one message; a throw means "not done": it is redelivered after a backoff. */
  readonly handler: (data: T, message: BusMessage<T> & { readonly deliveryCount: number }) => Promise<void> | void;
  /** In-flight messages (default 1: strictly in order). */
  readonly concurrency?: number;
  /** Redelivery backoff base (ms, default 500; doubles per attempt up to `maxRetryDelayMs`). */
  readonly retryDelayMs?: number;
  /** Longest redelivery backoff (ms, default 60 000). */
  readonly maxRetryDelayMs?: number;
  /** Redeliver when the handler neither finishes nor fails within this time (ms, default 60 000). */
  readonly ackWaitMs?: number;
  /** How many handled message ids are remembered to drop redeliveries of work already done (default 10 000). */
  readonly rememberIds?: number;
  /** Called with handler failures (before the redelivery). */
  readonly onError?: (err: unknown, message: BusMessage<T>) => void;
}

/**
 * The consumer side in one call: a durable subscription whose messages go to `handler`, acked when it
 * returns, redelivered with exponential backoff when it throws. Delivery is at-least-once; message
 * ids already handled by this process are acked without calling the handler again (a redelivery
 * after a lost ack, e.g. across a broker restart), so within a process each message is handled once.
 * Across a crash between handling and ack a message can be handled again: keep handlers idempotent.
 */
export async function consume<T>(bus: EventBus, options: ConsumeOptions<T>): Promise<Subscription> {
  const handled = new Set<string>();
  const limit = options.rememberIds ?? 10_000;
  const base = options.retryDelayMs ?? 500;
  return bus.subscribe<T>(
    {
      subject: options.subject,
      durable: options.durable,
      start: options.start ?? { kind: 'new' },
      ackWaitMs: options.ackWaitMs ?? 60_000,
      maxAckPending: options.concurrency ?? 1,
    },
    async (delivery) => {
      if (delivery.msgId !== '' && handled.has(delivery.msgId)) {
        await delivery.ack();
        return;
      }
      try {
        await options.handler(delivery.data, delivery);
      } catch (err) {
        options.onError?.(err, delivery);
        delivery.nak(Math.min(options.maxRetryDelayMs ?? 60_000, base * 2 ** (delivery.deliveryCount - 1)));
        return;
      }
      if (delivery.msgId !== '') {
        handled.add(delivery.msgId);
        if (handled.size > limit) handled.delete(handled.values().next().value as string);
      }
      await delivery.ack();
    },
  );
}
