import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.js';

/** Author and message of a commit made by the core subgraph for the caller of an operation. */
export interface CommitMeta {
  /** `<user>@core`. */
  readonly author: string;
  /** `[core] <text>` plus trailers `Trace-Id:`, `User-Sid:` and `Change-Id:`. */
  readonly message: string;
  /** A unique id in the message, to find the commit in the log without racing other writers. */
  readonly changeId: string;
}

/** One line, no control characters. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Builds the author and message of a write (`[core] text` with trailers). */
export function commitMeta(ctx: CoreContext, text: string): CommitMeta {
  const changeId = randomUUID();
  const sub = oneLine(ctx.identity.sub) || 'anonymous';
  const body = oneLine(text) || 'change';
  return {
    author: `${sub}@core`,
    message: `[core] ${body}\n\nTrace-Id: ${ctx.traceId}\nUser-Sid: ${sub}\nChange-Id: ${changeId}`,
    changeId,
  };
}
