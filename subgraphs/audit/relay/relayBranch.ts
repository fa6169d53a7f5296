import { commitEventId, commitSubject, type CommitEvent, type DocumentChange, type EventBus, type Terminus } from '../../../lib/index.js';
import { readLog, type LogEntry } from '../terminus/commitLog.js';
import { changeOf, commitDiffs, versionDiff } from '../terminus/diffs.js';
import { buildCommitEvent } from './buildCommitEvent.js';
import type { BranchCursor, RelayCursors } from './RelayCursors.js';

/** What relaying one branch needs. */
export interface BranchRelayContext {
  readonly terminus: Terminus;
  readonly bus: EventBus;
  readonly cursors: RelayCursors;
  readonly maxChanges: number;
  /** Walk at most this many commits back from a head (default 100 000). */
  readonly maxWalk: number;
  /** Called after an event is published, before its cursor is saved (tests inject crashes here). */
  readonly afterPublish?: (event: CommitEvent) => void | Promise<void>;
  /** Called with each published event (metrics). */
  readonly onPublished?: (event: CommitEvent, duplicate: boolean) => void;
}

const PAGE = 100;
/** Commit diffs read ahead of the one being published. */
const DIFF_AHEAD = 4;

/**
 * The commits from `head` back to (not including) the first one `stop` accepts, oldest first, and
 * whether such a commit was found. The log is read at the head commit, so concurrent writes cannot
 * shift the pages.
 */
export async function walkBack(ctx: BranchRelayContext, head: string, stop: (entry: LogEntry) => boolean): Promise<{ entries: LogEntry[]; found: boolean }> {
  const entries: LogEntry[] = [];
  for (let start = 0; start < ctx.maxWalk; start += PAGE) {
    const page = await readLog(ctx.terminus, { commit: head }, start, PAGE);
    for (const entry of page) {
      if (stop(entry)) return { entries: entries.reverse(), found: true };
      entries.push(entry);
    }
    if (page.length < PAGE) break;
  }
  return { entries: entries.reverse(), found: false };
}

/**
 * Publishes one event. The event itself is the cursor (the newest event on the branch subject); the
 * `RELAY` cursor is written once per batch (`saveCursor`), as it only matters when no event says more.
 */
async function publish(ctx: BranchRelayContext, branch: string, event: CommitEvent): Promise<number> {
  const ack = await ctx.bus.publish(commitSubject(event.db, branch), event, { msgId: commitEventId(event) });
  ctx.onPublished?.(event, ack.duplicate);
  await ctx.afterPublish?.(event);
  return ack.seq;
}

/** Publishes one event per commit (oldest first), advancing the cursor after each. Returns the count. */
export async function publishCommits(ctx: BranchRelayContext, branch: string, entries: readonly LogEntry[]): Promise<number> {
  let n = 0;
  let cursor: BranchCursor | undefined;
  let seq: number | undefined;
  // Diffs are read up to DIFF_AHEAD commits ahead; events are still published strictly in order.
  const diffs = new Map<number, Promise<DocumentChange[]>>();
  const diffOf = (i: number): Promise<DocumentChange[]> | undefined => {
    const e = entries[i];
    if (e === undefined || e.initial) return undefined;
    let p = diffs.get(i);
    if (p === undefined) {
      p = commitDiffs(ctx.terminus, e.id, e.parent).then((d) => d.map(changeOf));
      p.catch(() => undefined);
      diffs.set(i, p);
    }
    return p;
  };
  for (const [i, entry] of entries.entries()) {
    cursor = { commit: entry.id, initial: entry.initial };
    for (let k = i + 1; k <= i + DIFF_AHEAD; k++) diffOf(k);
    if (entry.initial) continue;
    const changes = (await diffOf(i)) ?? [];
    diffs.delete(i);
    const event = buildCommitEvent({ db: ctx.terminus.settings.db, branch, entry, kind: 'commit', parent: entry.parent, changes, maxChanges: ctx.maxChanges });
    seq = await publish(ctx, branch, event);
    n++;
  }
  if (cursor !== undefined) await ctx.cursors.save(branch, cursor, seq);
  return n;
}

/** Publishes a `reset` event: the branch moved from `from` to `to` without `from` in its history. */
export async function publishReset(ctx: BranchRelayContext, branch: string, from: string, to: LogEntry): Promise<void> {
  const changes = (await versionDiff(ctx.terminus, { commit: from }, { commit: to.id })).map(changeOf);
  const event = buildCommitEvent({ db: ctx.terminus.settings.db, branch, entry: to, kind: 'reset', parent: from, changes, maxChanges: ctx.maxChanges });
  const seq = await publish(ctx, branch, event);
  await ctx.cursors.save(branch, { commit: to.id, initial: to.initial }, seq);
}
