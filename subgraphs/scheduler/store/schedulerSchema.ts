/**
 * The schema of the `svc-scheduler` branch (TerminusDB keeps one schema per branch): `ScheduledJob`
 * and `JobRun`. JSON values (payload, result, attempt history) are stored as JSON text.
 */

/** Bump when the documents below change: `ensureSchedulerSchema` rewrites the schema when it differs. */
export const SCHEDULER_SCHEMA_VERSION = 2;

const opt = (type: string): Record<string, string> => ({ '@type': 'Optional', '@class': type });

export const SCHEDULER_SCHEMA: readonly Record<string, unknown>[] = [
  {
    '@type': '@context',
    '@base': 'terminusdb:///scheduler/data/',
    '@schema': 'terminusdb:///scheduler/schema#',
    '@documentation': { '@title': 'scheduler', '@description': `Job specs and runs of the scheduler subgraph (schema version ${SCHEDULER_SCHEMA_VERSION}).` },
  },
  {
    '@type': 'Class',
    '@id': 'ScheduledJob',
    '@key': { '@type': 'Lexical', '@fields': ['key'] },
    '@documentation': { '@comment': 'A job spec of the scheduler.' },
    key: 'xsd:string',
    name: 'xsd:string',
    kind: 'xsd:string',
    payload: 'xsd:string',
    cron: opt('xsd:string'),
    timezone: opt('xsd:string'),
    triggerBranch: opt('xsd:string'),
    triggerTypes: { '@type': 'Set', '@class': 'xsd:string' },
    maxAttempts: 'xsd:integer',
    initialDelayMs: 'xsd:integer',
    maxDelayMs: 'xsd:integer',
    jitter: 'xsd:decimal',
    timeoutMs: 'xsd:integer',
    enabled: 'xsd:boolean',
    catchUp: opt('xsd:string'),
    scheduleSince: opt('xsd:dateTime'),
    owner: 'xsd:string',
    ownerScopes: { '@type': 'Set', '@class': 'xsd:string' },
    createdAt: 'xsd:dateTime',
    updatedAt: 'xsd:dateTime',
  },
  {
    '@type': 'Class',
    '@id': 'JobRun',
    '@key': { '@type': 'Lexical', '@fields': ['key'] },
    '@documentation': { '@comment': 'A run of a scheduled job.' },
    key: 'xsd:string',
    jobId: 'xsd:string',
    kind: 'xsd:string',
    status: 'xsd:string',
    trigger: 'xsd:string',
    commit: opt('xsd:string'),
    payload: 'xsd:string',
    attempt: 'xsd:integer',
    maxAttempts: 'xsd:integer',
    scheduledAt: 'xsd:dateTime',
    queuedAt: 'xsd:dateTime',
    startedAt: opt('xsd:dateTime'),
    finishedAt: opt('xsd:dateTime'),
    nextAttemptAt: opt('xsd:dateTime'),
    progressDone: opt('xsd:integer'),
    progressTotal: opt('xsd:integer'),
    result: opt('xsd:string'),
    errorCode: opt('xsd:string'),
    errorMessage: opt('xsd:string'),
    attempts: 'xsd:string',
    requestedBy: 'xsd:string',
    scopes: { '@type': 'Set', '@class': 'xsd:string' },
    retryOf: opt('xsd:string'),
    claimSeq: opt('xsd:integer'),
  },
  {
    '@type': 'Class',
    '@id': 'RunClaim',
    '@key': { '@type': 'Lexical', '@fields': ['key'] },
    '@documentation': { '@comment': 'The work-queue message that claimed a run (inserted once: the first insert wins, so a run is executed from one message only).' },
    key: 'xsd:string',
    seq: 'xsd:integer',
    claimedAt: 'xsd:dateTime',
  },
];
