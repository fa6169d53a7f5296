import { buildSchema, parse } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import type { BusMessage, CommitEvent, Logger } from '../../../lib/index.js';
import type { Caller } from '../../auth/verifyToken.js';
import type { RouterRuntime } from '../../execution/RouterRuntime.js';
import { EventOutcomes } from '../EventOutcomes.js';
import type { EventStreamField } from '../eventStreams.js';
import type { EventExecution } from '../resolveEvent.js';

const schema = buildSchema(`
  type Commit { id: ID! }
  type Change { id: ID! type: String! op: String! }
  type CommitEvent { cursor: String! commitId: ID! changes: [Change!]! commit: Commit }
  type Query { commit(id: ID!): Commit }
  type Subscription { commitAdded(branch: String): CommitEvent! }
`);
const stream: EventStreamField = { field: 'commitAdded', subject: 'commits.{db}.{branch}', lookup: 'commit', each: undefined };
const rt = { config: { branchPolicy: undefined } } as unknown as RouterRuntime;
const logger = { error: () => undefined } as unknown as Logger;
const QUERY = 'subscription { commitAdded(branch: "main") { cursor commitId } }';

function caller(sub: string, scopes: string[]): Caller {
  return { authenticated: true, sub, scopes: new Set(scopes), claims: {} };
}

function execution(c: Caller, query = QUERY): EventExecution {
  return { schema, schemaId: 'g1', document: parse(query), operationName: undefined, variables: {}, field: 'commitAdded', lookup: 'commit', caller: c, denied: [], removed: [] };
}

function message(seq: number): BusMessage {
  const data: CommitEvent = { version: 1, kind: 'commit', db: 'd', branch: 'main', commit: `c${seq}`, parent: null, author: 'a', message: 'm', trailers: {}, traceId: null, userSid: null, timestamp: '2026-01-01T00:00:00Z', changes: [], changeCount: 0, truncated: false };
  return { subject: 'commits.d.main', seq, msgId: `c${seq}`, time: 0, data };
}

describe('EventOutcomes', () => {
  it('runs an envelope-only selection once per event for every subscriber with the same rights, whoever they are', () => {
    const outcomes = new EventOutcomes(rt, logger);
    const a = outcomes.shared(execution(caller('alice', ['read'])), QUERY);
    const b = outcomes.shared(execution(caller('bob', ['read'])), QUERY);
    expect(b.group).toBe(a.group);
    const source = { stream, args: { branch: 'main' } };
    const first = outcomes.outcome(source, a, message(1), undefined);
    const second = outcomes.outcome(source, b, message(1), undefined);
    expect(second).toBe(first);
    expect(outcomes.computed).toBe(1);
    expect(first).toEqual({ kind: 'next', payloads: [Buffer.from('{"data":{"commitAdded":{"cursor":"1","commitId":"c1"}}}')] });
  });

  it('keeps groups apart by scopes, by caller when lookups are selected, and computes a gap event per subscriber', () => {
    const outcomes = new EventOutcomes(rt, logger);
    const read = outcomes.shared(execution(caller('alice', ['read'])), QUERY);
    expect(outcomes.shared(execution(caller('alice', ['read', 'pii:read'])), QUERY).group).not.toBe(read.group);
    const withLookup = 'subscription { commitAdded(branch: "main") { commit { id } } }';
    expect(outcomes.shared(execution(caller('alice', ['read']), withLookup), withLookup).group).not.toBe(outcomes.shared(execution(caller('bob', ['read']), withLookup), withLookup).group);
    const source = { stream, args: { branch: 'main' } };
    outcomes.outcome(source, read, message(2), undefined);
    const gap = outcomes.outcome(source, read, message(2), { requestedSeq: 1, firstAvailableSeq: 2 });
    expect(outcomes.computed).toBe(2);
    expect(JSON.parse((gap as unknown as { payloads: Buffer[] }).payloads[0]?.toString() ?? '')).toMatchObject({ extensions: { missedEvents: { requestedCursor: '0', firstAvailableCursor: '2' } } });
  });
});
