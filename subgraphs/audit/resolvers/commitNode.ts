import type { ChangeOp } from '../../../lib/index.js';
import { parseTrailers } from '../relay/trailers.js';
import type { LogEntry } from '../terminus/commitLog.js';
import { changeOf, type DocumentDiff } from '../terminus/diffs.js';
import type { AuditRuntime } from './AuditRuntime.js';

/** A GraphQL `DocumentChange`/`DocumentDiff`. */
export interface ChangeNode {
  readonly id: string;
  readonly type: string;
  readonly op: Uppercase<ChangeOp>;
  readonly patch: DocumentDiff;
}

/** A diff as a GraphQL `DocumentDiff`. */
export function toChangeNode(diff: DocumentDiff): ChangeNode {
  const c = changeOf(diff);
  return { id: c.id, type: c.type, op: c.op.toUpperCase() as Uppercase<ChangeOp>, patch: diff };
}

/** The message without its trailer block. */
function summaryOf(message: string, hasTrailers: boolean): string {
  if (!hasTrailers) return message.trimEnd();
  const cut = message.replace(/\r\n/g, '\n').trimEnd().lastIndexOf('\n\n');
  return cut < 0 ? message : message.slice(0, cut).trimEnd();
}

/** A GraphQL `Commit` for a log entry; `changes` and `diff` read the (cached) diff when selected. */
export function toCommitNode(entry: Omit<LogEntry, 'initial'>, runtime: AuditRuntime) {
  const trailers = parseTrailers(entry.message);
  const diffs = (): Promise<DocumentDiff[]> => runtime.diffsOf(entry.id, entry.parent);
  return {
    id: entry.id,
    parent: entry.parent,
    author: entry.author,
    message: entry.message,
    summary: summaryOf(entry.message, Object.keys(trailers).length > 0),
    trailers: Object.entries(trailers).map(([key, value]) => ({ key, value })),
    traceId: trailers['Trace-Id'] ?? null,
    userSid: trailers['User-Sid'] ?? null,
    timestamp: new Date(Math.round(entry.timestamp * 1000)).toISOString(),
    changes: async (args: { types?: readonly string[] | null }) => {
      const nodes = (await diffs()).map(toChangeNode);
      return args.types === undefined || args.types === null ? nodes : nodes.filter((n) => args.types?.includes(n.type));
    },
    diff: async () => (await diffs()).map(toChangeNode),
  };
}

export type CommitNode = ReturnType<typeof toCommitNode>;
