/** Stream configuration shared by the bus implementations, and the subject grammar of commit events. */

/** One stream: a subject space with its retention and de-duplication. */
export interface StreamSpec {
  /** Stream name (upper case by convention), e.g. `COMMITS`. */
  readonly name: string;
  /** Subject prefix without wildcard: the stream holds `<prefix>.>`, e.g. `commits`. */
  readonly prefix: string;
  /** Messages older than this are dropped (ms; 0 = no age limit). */
  readonly maxAgeMs: number;
  /** At most this many messages (oldest dropped first; 0 = no limit). */
  readonly maxMsgs: number;
  /** At most this many messages per subject (0 = no limit; 1 makes the stream a last-value store). */
  readonly maxMsgsPerSubject: number;
  /** `Nats-Msg-Id` de-duplication window (ms). */
  readonly duplicateWindowMs: number;
  /**
   * `limits` (default): messages stay until a limit drops them, any number of consumers.
   * `workqueue`: a message is removed once acknowledged and each subject is served by one durable
   * consumer shared by the replicas (JetStream work-queue retention; the in-memory bus keeps
   * acknowledged messages, which changes nothing for the one consumer).
   */
  readonly retention?: 'limits' | 'workqueue';
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * `COMMITS` on `commits.>`: one event per commit, kept 7 days, de-duplicated by commit id for
 * 10 minutes (longer than any relay retry or restart).
 */
export const COMMITS_STREAM: StreamSpec = { name: 'COMMITS', prefix: 'commits', maxAgeMs: 7 * DAY, maxMsgs: 0, maxMsgsPerSubject: 0, duplicateWindowMs: 10 * 60 * 1000 };

/**
 * `RELAY` on `relay.>`: the commit relay's per-branch cursor, a last-value store (one message per
 * subject, no age limit) that outlives `COMMITS` retention.
 */
export const RELAY_STREAM: StreamSpec = { name: 'RELAY', prefix: 'relay', maxAgeMs: 0, maxMsgs: 0, maxMsgsPerSubject: 1, duplicateWindowMs: 2 * 60 * 1000 };

/**
 * `SCHEDULER` on `scheduler.>`: run updates of the scheduler subgraph (`scheduler.<db>.runs.<job>`,
 * served to subscribers by the router's `runUpdated`) and job changes (`scheduler.<db>.jobs`), kept
 * 7 days, de-duplicated for 10 minutes. Also the `cancel` requests between scheduler replicas.
 */
export const SCHEDULER_STREAM: StreamSpec = { name: 'SCHEDULER', prefix: 'scheduler', maxAgeMs: 7 * DAY, maxMsgs: 0, maxMsgsPerSubject: 0, duplicateWindowMs: 10 * 60 * 1000 };

/**
 * `WORK_SCHEDULER` on `work.scheduler.>`: due runs, a work queue (a message is removed when acked;
 * one durable consumer shared by every scheduler replica, so each run is claimed by one replica).
 * De-duplicated for 10 minutes: a cron tick enqueued by several replicas is stored once.
 */
export const SCHEDULER_WORK_STREAM: StreamSpec = { name: 'WORK_SCHEDULER', prefix: 'work.scheduler', maxAgeMs: 0, maxMsgs: 0, maxMsgsPerSubject: 0, duplicateWindowMs: 10 * 60 * 1000, retention: 'workqueue' };

/** `DEAD_LETTERS` on `dead.>`: work that failed its last attempt (`dead.<service>.<db>`), kept 30 days. */
export const DEAD_LETTER_STREAM: StreamSpec = { name: 'DEAD_LETTERS', prefix: 'dead', maxAgeMs: 30 * DAY, maxMsgs: 0, maxMsgsPerSubject: 0, duplicateWindowMs: 10 * 60 * 1000 };

/** The default streams of the supergraph (every process creates them; the router serves subscriptions from them). */
export const DEFAULT_STREAMS: readonly StreamSpec[] = [COMMITS_STREAM, RELAY_STREAM, SCHEDULER_STREAM];

/** Whether a subject (or filter) lies inside the stream. */
export function inStream(spec: StreamSpec, subject: string): boolean {
  return subject.startsWith(`${spec.prefix}.`) && subject.length > spec.prefix.length + 1;
}

/** The stream that holds `subject`; throws when none does (a caller mistake). */
export function streamOf(streams: readonly StreamSpec[], subject: string): StreamSpec {
  const spec = streams.find((s) => inStream(s, subject));
  if (spec === undefined) throw new Error(`No stream holds subject '${subject}' (streams: ${streams.map((s) => `${s.prefix}.>`).join(', ')})`);
  return spec;
}

/** Whether a concrete subject matches a filter with NATS wildcards (`*` one token, `>` the rest). */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const token = f[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return f.length === s.length;
}

/**
 * One subject token from free text (a database or branch name): `%`, `.`, `*`, `>` and white space
 * are percent-encoded, so the mapping is one-to-one and the token never splits or matches wildcards.
 */
export function subjectToken(text: string): string {
  if (text === '') return '%00';
  return text.replace(/[%.*>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Inverse of `subjectToken`. */
export function fromSubjectToken(token: string): string {
  if (token === '%00') return '';
  return token.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `commits.<db>.<branch>`: the subject of commit events of a branch (supergraph branch name, e.g. `feature/x`). */
export function commitSubject(db: string, branch: string): string {
  return `${COMMITS_STREAM.prefix}.${subjectToken(db)}.${subjectToken(branch)}`;
}

/** `commits.<db>.>` (every branch) or `commits.<db>.<branch>`. */
export function commitFilter(db: string, branch?: string): string {
  return branch === undefined ? `${COMMITS_STREAM.prefix}.${subjectToken(db)}.>` : commitSubject(db, branch);
}
