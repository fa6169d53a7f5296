import { consumeCommits, type EventBus, type Logger, type Subscription } from '../../../lib/index.js';
import type { EmbeddingEngine } from './EmbeddingEngine.js';

/** Durable consumer name of the embedding service (replicas share it). */
export const DURABLE = 'embedding';

/**
 * Consumes the commit events of `db` with the durable consumer `embedding` (or `options.durable`), strictly in order: each
 * event goes to the engine (events of branches not kept are acked unseen); a failure (provider or
 * TerminusDB down) is shown in `embeddingStatus` and redelivered with exponential backoff (0.5 s
 * doubling up to 60 s). A new consumer starts at new events: the engine's start-up repair catches up
 * on what came before.
 */
export function startConsumer(engine: EmbeddingEngine, bus: EventBus, options: { db: string; logger: Logger; retryDelayMs?: number; maxRetryDelayMs?: number; durable?: string }): Promise<Subscription> {
  return consumeCommits(bus, {
    db: options.db,
    durable: options.durable ?? DURABLE,
    start: { kind: 'new' },
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.maxRetryDelayMs === undefined ? {} : { maxRetryDelayMs: options.maxRetryDelayMs }),
    ackWaitMs: 10 * 60_000,
    handler: (event) => engine.handleEvent(event),
    onError: (err, message) => engine.recordFailure(err, (message as { deliveryCount?: number }).deliveryCount ?? 1),
  });
}
