import { isCommitEvent, type BusMessage } from '../../lib/index.js';

/** Objects whose fields are read by field name (the event envelope), not by response key (gateway data). */
export const envelopes = new WeakSet<object>();

/** The envelope of one bus message as the subscription's GraphQL type sees it, and the id to look up. */
export interface EventValue {
  readonly value: Record<string, unknown>;
  /** What `Query.<lookup>(id:)` is called with (the commit id; for `reset` the new head). */
  readonly lookupId: string | undefined;
}

function mark<T extends object>(o: T): T {
  envelopes.add(o);
  return o;
}

/**
 * Maps a message to the GraphQL value of the subscription field: a `CommitEvent` payload to the
 * `CommitEvent` type (`cursor` = stream sequence as a string, enums upper-cased, `missedEvents`); any
 * other JSON payload passes through with `cursor` and `missedEvents` added (`id` is its lookup id).
 */
export function eventValue(message: BusMessage, missedEvents: boolean): EventValue {
  const cursor = String(message.seq);
  const data = message.data;
  if (isCommitEvent(data)) {
    return {
      lookupId: data.commit,
      value: mark({
        cursor,
        kind: data.kind.toUpperCase(),
        branch: data.branch,
        commitId: data.commit,
        parentId: data.parent,
        author: data.author,
        message: data.message,
        traceId: data.traceId,
        userSid: data.userSid,
        timestamp: data.timestamp,
        changes: data.changes.map((c) => mark({ id: c.id, type: c.type, op: c.op.toUpperCase(), document: null })),
        changeCount: data.changeCount,
        truncated: data.truncated,
        missedEvents,
      }),
    };
  }
  const obj = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { value: data };
  const id = obj['id'];
  return { lookupId: typeof id === 'string' ? id : undefined, value: mark({ ...obj, cursor, missedEvents }) };
}

/** Whether an event passes the field's filter arguments (`types`: a change of one of these classes, or a truncated list). */
export function eventMatches(message: BusMessage, args: Readonly<Record<string, unknown>>): boolean {
  const types = args['types'];
  if (!Array.isArray(types) || !isCommitEvent(message.data)) return true;
  const data = message.data;
  return data.truncated || data.changes.some((c) => types.includes(c.type));
}
