import { refPath, type Terminus } from '../../../lib/index.js';
import { toTerminusBranch } from './naming.js';

/** A commit of `/api/log` (newest first). */
export interface LogEntry {
  readonly identifier: string;
  readonly timestamp: number;
  readonly message?: string;
  readonly author?: string;
}

/** Reads `count` log entries of a branch from `start` (newest first). */
export async function readLog(terminus: Terminus, branch: string, start: number, count: number): Promise<LogEntry[]> {
  const s = terminus.settings;
  const url = `${s.url}/api/log/${refPath(s, { branch: toTerminusBranch(branch) })}?start=${start}&count=${count}`;
  const client = terminus.client();
  const entries = await terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>);
  return Array.isArray(entries) ? (entries as LogEntry[]) : [];
}

/** Trailer of a promote commit naming the source commit it brought over. */
export const SOURCE_COMMIT_TRAILER = 'Source-Commit:';

const SOURCE_COMMIT = /^Source-Commit: ([0-9a-z]+)$/m;

/**
 * The merge base of two branches: the newest commit of `source` that is in `target`'s history or
 * was already promoted to it (a `Source-Commit:` trailer in target's log), both read from
 * `/api/log` (at most `limit` commits each); undefined without common history.
 */
export async function mergeBase(terminus: Terminus, source: string, target: string, limit = 10_000): Promise<string | undefined> {
  const page = 500;
  const inTarget = new Set<string>();
  for (let start = 0; start < limit; start += page) {
    const entries = await readLog(terminus, target, start, page);
    for (const e of entries) {
      inTarget.add(e.identifier);
      const promoted = SOURCE_COMMIT.exec(e.message ?? '')?.[1];
      if (promoted !== undefined) inTarget.add(promoted);
    }
    if (entries.length < page) break;
  }
  for (let start = 0; start < limit; start += page) {
    const entries = await readLog(terminus, source, start, page);
    const hit = entries.find((e) => inTarget.has(e.identifier));
    if (hit !== undefined) return hit.identifier;
    if (entries.length < page) break;
  }
  return undefined;
}
