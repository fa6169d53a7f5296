import { isCommitEvent, type BusMessage } from '../../lib/index.js';
import type { EventStreamField } from './eventStreams.js';

/** Objects whose fields are read by field name (the event envelope), not by response key (gateway data). */
export const envelopes = new WeakSet<object>();

/** The envelope of one bus message as the subscription's GraphQL type sees it, and the ids to look up. */
export interface EventValue {
  readonly value: Record<string, unknown>;
  /** What `Query.<lookup>(id:)` is called with (the commit id; for `reset` the new head). */
  readonly lookupId: string | undefined;
  /** The commit documents are read at (`ref: {commit}`), when the payload names one. */
  readonly commit: string | undefined;
}

function mark<T extends object>(o: T): T {
  envelopes.add(o);
  return o;
}

/** The envelope of a message (before `each`): `CommitEvent` payloads mapped to the GraphQL `CommitEvent` type. */
function baseValue(message: BusMessage, missedEvents: boolean): EventValue {
  const cursor = String(message.seq);
  const data = message.data;
  if (isCommitEvent(data)) {
    return {
      lookupId: data.commit,
      commit: data.commit,
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
        changes: data.changes.map((c) => mark({ id: c.id, type: c.type, op: c.op.toUpperCase() })),
        changeCount: data.changeCount,
        truncated: data.truncated,
        missedEvents,
      }),
    };
  }
  const obj = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { value: data };
  const id = obj['id'];
  return { lookupId: typeof id === 'string' ? id : undefined, commit: undefined, value: mark({ ...obj, cursor, missedEvents }) };
}

/** Whether an element's fields equal the subscription's arguments of the same name. */
function elementMatches(element: Readonly<Record<string, unknown>>, args: Readonly<Record<string, unknown>>): boolean {
  for (const [name, value] of Object.entries(args)) {
    if (!(name in element) || value === undefined || value === null) continue;
    if (element[name] !== value) return false;
  }
  return true;
}

/**
 * Maps a message to the GraphQL values of the subscription field (none when the event does not match
 * the field's arguments): a `CommitEvent` payload to the `CommitEvent` type (`cursor` = stream sequence
 * as a string, enums upper-cased, `missedEvents`); any other JSON payload passes through with `cursor`
 * and `missedEvents` added (`id` is its lookup id). `types` keeps commit events changing a document of
 * one of these classes (or truncated ones). With `each`, one value per matching element of that list,
 * the element's fields merged into the envelope.
 */
export function eventValues(message: BusMessage, stream: EventStreamField, args: Readonly<Record<string, unknown>>, missedEvents: boolean): EventValue[] {
  const types = args['types'];
  if (Array.isArray(types) && isCommitEvent(message.data)) {
    const data = message.data;
    if (!data.truncated && !data.changes.some((c) => types.includes(c.type))) return [];
  }
  const base = baseValue(message, missedEvents);
  if (stream.each === undefined) return [base];
  const list = base.value[stream.each];
  if (!Array.isArray(list)) return [];
  const out: EventValue[] = [];
  for (const element of list as unknown[]) {
    if (typeof element !== 'object' || element === null || !elementMatches(element as Record<string, unknown>, args)) continue;
    out.push({ ...base, value: mark({ ...base.value, ...(element as Record<string, unknown>) }) });
  }
  return out;
}
