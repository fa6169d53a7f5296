import { commitSubject, RELAY_STREAM, subjectToken, type CommitEvent, type EventBus } from '../../../lib/index.js';

/** Where the relay stands on a branch: the last commit it published (or took as its baseline). */
export interface BranchCursor {
  readonly commit: string;
  /** The cursor is an InitialCommit (which the branch's first write replaces, leaving no parent). */
  readonly initial: boolean;
}

/** What the relay keeps on `relay.<db>.cursor.<branch>` (a last-value subject of the `RELAY` stream). */
interface StoredCursor {
  readonly commit: string | null;
  readonly initial: boolean;
  /** `COMMITS` sequence of the newest event of the branch when the cursor was written (0: none). */
  readonly eventSeq: number;
  /** The branch was deleted: a branch of the same name later is new. */
  readonly deleted?: boolean;
}

/**
 * The relay's durable cursors, kept in JetStream. The `COMMITS` stream is the source of truth of
 * what was published: the newest event on `commits.<db>.<branch>` is the cursor. A last-value
 * `RELAY` subject per branch adds what events cannot say (a baseline without event, a deleted
 * branch) and outlives `COMMITS` retention; whichever is newer (by `COMMITS` sequence) wins.
 */
export class RelayCursors {
  constructor(
    private readonly bus: EventBus,
    private readonly db: string,
  ) {}

  #subject(branch: string): string {
    return `${RELAY_STREAM.prefix}.${subjectToken(this.db)}.cursor.${subjectToken(branch)}`;
  }

  #marker(): string {
    return `${RELAY_STREAM.prefix}.${subjectToken(this.db)}.started`;
  }

  /** The cursor of a branch, or undefined when the relay has never seen it (or saw it deleted). */
  async load(branch: string): Promise<BranchCursor | undefined> {
    const [event, stored] = await Promise.all([this.bus.last<CommitEvent>(commitSubject(this.db, branch)), this.bus.last<StoredCursor>(this.#subject(branch))]);
    const eventSeq = event?.seq ?? 0;
    if (stored !== undefined && stored.data.eventSeq >= eventSeq) {
      return stored.data.deleted === true || stored.data.commit === null ? undefined : { commit: stored.data.commit, initial: stored.data.initial };
    }
    return event === undefined ? undefined : { commit: event.data.commit, initial: false };
  }

  /** Records the cursor of a branch; `eventSeq` is the sequence of the event just published (or the newest one). */
  async save(branch: string, cursor: BranchCursor, eventSeq?: number): Promise<void> {
    const seq = eventSeq ?? (await this.bus.last(commitSubject(this.db, branch)))?.seq ?? 0;
    const data: StoredCursor = { commit: cursor.commit, initial: cursor.initial, eventSeq: seq };
    await this.bus.publish(this.#subject(branch), data, { msgId: `cursor:${this.db}:${branch}:${cursor.commit}:${seq}` });
  }

  /** Records that a branch is gone. */
  async forget(branch: string): Promise<void> {
    const seq = (await this.bus.last(commitSubject(this.db, branch)))?.seq ?? 0;
    await this.bus.publish(this.#subject(branch), { commit: null, initial: false, eventSeq: seq, deleted: true } satisfies StoredCursor, { msgId: `deleted:${this.db}:${branch}:${seq}:${Date.now()}` });
  }

  /** Whether the relay ever ran for this database (it then has baselines for every branch). */
  async started(): Promise<boolean> {
    return (await this.bus.last(this.#marker())) !== undefined;
  }

  async markStarted(): Promise<void> {
    await this.bus.publish(this.#marker(), { at: new Date().toISOString() }, { msgId: `started:${this.db}` });
  }
}
