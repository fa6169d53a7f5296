import { supergraphError } from '../../../lib/index.js';
import { readLog, type LogEntry, type LogRef } from '../terminus/commitLog.js';
import { terminusFailure, type AuditContext } from './AuditRuntime.js';
import { toCommitNode, type CommitNode } from './commitNode.js';

/** Arguments of `Query.commits`. */
export interface CommitsArgs {
  readonly branch?: string | null;
  readonly author?: string | null;
  readonly since?: string | null;
  readonly until?: string | null;
  readonly types?: readonly string[] | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

const PAGE = 100;
/** Commits examined per request at most (filters that match rarely end the page early). */
const SCAN_LIMIT = 5_000;

function encodeCursor(commit: string): string {
  return Buffer.from(JSON.stringify(['c1', commit])).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v[0] === 'c1' && typeof v[1] === 'string' && /^[0-9a-z]+$/.test(v[1])) return v[1];
  } catch {
    // below
  }
  throw supergraphError('INVALID_CURSOR', 'Malformed commits cursor');
}

function time(value: string | null | undefined, name: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw supergraphError('BAD_USER_INPUT', `${name} is not a date-time`);
  return t / 1000;
}

/**
 * `commits(...)`: the branch log, newest first, filtered. Later pages read the log at the cursor's
 * commit, so writes between pages do not shift them.
 */
export async function commitsQuery(args: CommitsArgs, ctx: AuditContext): Promise<{ nodes: CommitNode[]; endCursor: string | null; hasNextPage: boolean }> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 200) throw supergraphError('BAD_USER_INPUT', 'first must be from 1 to 200');
  const since = time(args.since, 'since');
  const until = time(args.until, 'until');
  const { runtime } = ctx;
  const after = args.after === null || args.after === undefined ? undefined : decodeCursor(args.after);
  const ref: LogRef = after === undefined ? { branch: args.branch ?? 'main' } : { commit: after };
  let start = after === undefined ? 0 : 1;
  const matches: LogEntry[] = [];
  let scanned = 0;
  let exhausted = false;
  scan: while (matches.length <= first && scanned < SCAN_LIMIT) {
    let page: LogEntry[];
    try {
      page = await readLog(runtime.terminus, ref, start, PAGE);
    } catch (err) {
      terminusFailure(err, after === undefined ? 'BRANCH_NOT_FOUND' : 'COMMIT_NOT_FOUND');
    }
    for (const entry of page) {
      scanned++;
      if (since !== undefined && entry.timestamp < since) {
        exhausted = true;
        break scan;
      }
      if (entry.initial || (until !== undefined && entry.timestamp > until) || (args.author != null && entry.author !== args.author)) continue;
      if (args.types != null) {
        const types = new Set(args.types);
        const diffs = await runtime.diffsOf(entry.id, entry.parent);
        if (!diffs.some((d) => types.has(String((d['@insert'] as Record<string, unknown> | undefined)?.['@type'] ?? (d['@delete'] as Record<string, unknown> | undefined)?.['@type'] ?? d['@type'])))) continue;
      }
      matches.push(entry);
      if (matches.length > first) break scan;
    }
    if (page.length < PAGE) {
      exhausted = true;
      break;
    }
    start += PAGE;
  }
  const nodes = matches.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes: nodes.map((e) => toCommitNode(e, runtime)),
    endCursor: last === undefined ? null : encodeCursor(last.id),
    hasNextPage: matches.length > first || (!exhausted && scanned >= SCAN_LIMIT),
  };
}
