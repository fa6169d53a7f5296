/** Jobs and runs ↔ their `svc-scheduler` documents (optional properties omitted when null; JSON as text). */
import type { AttemptRecord, CatchUpPolicy, Job, JobKindName, Run, RunStatus, RunTrigger } from '../model/types.js';

/** A stored document (TerminusDB's JSON form). */
export type Doc = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (v === undefined || v === null || v === '' ? null : Number(v));
const iso = (v: unknown): string | null => (typeof v === 'string' ? new Date(v).toISOString() : null);
const parseJson = (v: unknown, fallback: unknown): unknown => {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return fallback;
  }
};
/** A Set property (absent when empty), sorted. */
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).sort() : []);
/** Drops null/undefined values (Optional properties are omitted). */
function compact(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== null && v !== undefined));
}

export function jobToDoc(job: Job): Doc {
  return compact({
    '@type': 'ScheduledJob',
    '@id': `ScheduledJob/${job.id}`,
    key: job.id,
    name: job.name,
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    cron: job.cron,
    timezone: job.timezone,
    triggerBranch: job.trigger?.branch ?? null,
    triggerTypes: job.trigger?.types ?? [],
    maxAttempts: job.retry.maxAttempts,
    initialDelayMs: job.retry.initialDelayMs,
    maxDelayMs: job.retry.maxDelayMs,
    jitter: job.retry.jitter,
    timeoutMs: job.timeoutMs,
    enabled: job.enabled,
    catchUp: job.catchUp,
    scheduleSince: job.scheduleSince,
    owner: job.owner,
    ownerScopes: [...job.ownerScopes],
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  });
}

export function docToJob(d: Doc): Job {
  const triggerBranch = str(d['triggerBranch']);
  const types = Array.isArray(d['triggerTypes']) ? (d['triggerTypes'] as unknown[]).map(String).sort() : [];
  return {
    id: String(d['key']),
    name: String(d['name']),
    kind: String(d['kind']) as JobKindName,
    payload: parseJson(d['payload'], {}) as Record<string, unknown>,
    cron: str(d['cron']),
    timezone: str(d['timezone']),
    trigger: triggerBranch === null ? null : { branch: triggerBranch, types },
    retry: { maxAttempts: num(d['maxAttempts']) ?? 1, initialDelayMs: num(d['initialDelayMs']) ?? 0, maxDelayMs: num(d['maxDelayMs']) ?? 0, jitter: num(d['jitter']) ?? 0 },
    timeoutMs: num(d['timeoutMs']) ?? 0,
    enabled: d['enabled'] === true || d['enabled'] === 'true',
    catchUp: d['catchUp'] === 'NONE' ? 'NONE' : ('LAST' as CatchUpPolicy),
    scheduleSince: iso(d['scheduleSince']) ?? iso(d['createdAt']) ?? '',
    owner: String(d['owner']),
    ownerScopes: strings(d['ownerScopes']),
    createdAt: iso(d['createdAt']) ?? '',
    updatedAt: iso(d['updatedAt']) ?? '',
  };
}

export function runToDoc(run: Run): Doc {
  return compact({
    '@type': 'JobRun',
    '@id': `JobRun/${run.id}`,
    key: run.id,
    jobId: run.jobId,
    kind: run.kind,
    status: run.status,
    trigger: run.trigger,
    commit: run.commit,
    payload: JSON.stringify(run.payload),
    attempt: run.attempt,
    maxAttempts: run.maxAttempts,
    scheduledAt: run.scheduledAt,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    nextAttemptAt: run.nextAttemptAt,
    progressDone: run.progress?.done ?? null,
    progressTotal: run.progress?.total ?? null,
    result: run.result === undefined || run.result === null ? null : JSON.stringify(run.result),
    errorCode: run.error?.code ?? null,
    errorMessage: run.error?.message ?? null,
    attempts: JSON.stringify(run.attempts),
    requestedBy: run.requestedBy,
    scopes: [...run.scopes],
    retryOf: run.retryOf,
    claimSeq: run.claimSeq,
  });
}

export function docToRun(d: Doc): Run {
  const done = num(d['progressDone']);
  const code = str(d['errorCode']);
  return {
    id: String(d['key']),
    jobId: String(d['jobId']),
    kind: String(d['kind']) as JobKindName,
    status: String(d['status']) as RunStatus,
    trigger: String(d['trigger']) as RunTrigger,
    commit: str(d['commit']),
    payload: parseJson(d['payload'], {}) as Record<string, unknown>,
    attempt: num(d['attempt']) ?? 0,
    maxAttempts: num(d['maxAttempts']) ?? 1,
    scheduledAt: iso(d['scheduledAt']) ?? '',
    queuedAt: iso(d['queuedAt']) ?? '',
    startedAt: iso(d['startedAt']),
    finishedAt: iso(d['finishedAt']),
    nextAttemptAt: iso(d['nextAttemptAt']),
    progress: done === null ? null : { done, total: num(d['progressTotal']) },
    result: parseJson(d['result'], null),
    error: code === null ? null : { code, message: str(d['errorMessage']) ?? '' },
    attempts: parseJson(d['attempts'], []) as AttemptRecord[],
    requestedBy: String(d['requestedBy']),
    scopes: strings(d['scopes']),
    retryOf: str(d['retryOf']),
    claimSeq: num(d['claimSeq']),
  };
}

