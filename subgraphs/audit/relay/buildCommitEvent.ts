import type { CommitEvent, DocumentChange } from '../../../lib/index.js';
import type { LogEntry } from '../terminus/commitLog.js';
import { parseTrailers } from './trailers.js';

/** The event of one commit (or of a reset: `entry` is the new head, `parent` the old one). */
export function buildCommitEvent(options: {
  readonly db: string;
  readonly branch: string;
  readonly entry: LogEntry;
  readonly kind: 'commit' | 'reset';
  readonly parent: string | null;
  readonly changes: readonly DocumentChange[];
  readonly maxChanges: number;
}): CommitEvent {
  const { entry, changes, maxChanges } = options;
  const trailers = parseTrailers(entry.message);
  return {
    version: 1,
    kind: options.kind,
    db: options.db,
    branch: options.branch,
    commit: entry.id,
    parent: options.parent,
    author: entry.author,
    message: entry.message,
    trailers,
    traceId: trailers['Trace-Id'] ?? null,
    userSid: trailers['User-Sid'] ?? null,
    timestamp: new Date(Math.round(entry.timestamp * 1000)).toISOString(),
    changes: changes.slice(0, maxChanges),
    changeCount: changes.length,
    truncated: changes.length > maxChanges,
  };
}
