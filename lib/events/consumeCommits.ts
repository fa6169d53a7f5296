import { isCommitEvent, type CommitEvent } from './CommitEvent.js';
import { consume, type ConsumeOptions } from './consume.js';
import type { BusMessage, EventBus, Subscription } from './EventBus.js';
import { commitFilter } from './streams.js';

/** Options of {@link consumeCommits}. */
export interface ConsumeCommitsOptions extends Omit<ConsumeOptions<CommitEvent>, 'subject' | 'handler'> {
  /** The database whose commits to consume. */
  readonly db: string;
  /** Only this branch (supergraph name); default every branch. */
  readonly branch?: string;
  /** Only events that change a document of one of these classes (others are acked unseen). */
  readonly types?: readonly string[];
  /** Handles one commit event; a throw redelivers it later. */
  readonly handler: (event: CommitEvent, message: BusMessage<CommitEvent> & { readonly deliveryCount: number }) => Promise<void> | void;
}

/**
 * Consumes commit events (`commits.<db>.>`) with a durable consumer: what the embedding and
 * scheduler subgraphs use for their async stage. Foreign payloads are acked and skipped.
 */
export function consumeCommits(bus: EventBus, options: ConsumeCommitsOptions): Promise<Subscription> {
  const { db, branch, types, handler, ...rest } = options;
  const wanted = types === undefined ? undefined : new Set(types);
  return consume<CommitEvent>(bus, {
    ...rest,
    subject: commitFilter(db, branch),
    handler: async (data, message) => {
      if (!isCommitEvent(data)) return;
      if (wanted !== undefined && !data.changes.some((c) => wanted.has(c.type)) && !data.truncated) return;
      await handler(data, message);
    },
  });
}
