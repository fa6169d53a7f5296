/**
 * The scheduler subgraph: job specs and runs as documents in `svc-scheduler`, cron and on-commit
 * triggers, execution through a JetStream work queue with retries and a dead-letter stream.
 */
export { schedulerConfigFromEnv, SchedulerConfigError, type SchedulerConfig } from './config.js';
export { createSchedulerSubgraph, type SchedulerSubgraphDeps } from './createSchedulerSubgraph.js';
export { systemClock, type Clock } from './engine/Clock.js';
export { cronError, CronTicker, lastTick, type CronEntry } from './engine/CronTicker.js';
export { Scheduler, type EnqueueRequest, type SchedulerOptions } from './engine/Scheduler.js';
export { subjects as schedulerSubjects, type RunUpdate } from './engine/subjects.js';
export { KINDS } from './kinds/index.js';
export { PayloadError, PermanentError, type JobKind, type KindContext, type KindDeps } from './kinds/JobKind.js';
export { snapshotFolder, verifySnapshot, type SnapshotManifest } from './kinds/snapshot.js';
export { retryDelay } from './model/backoff.js';
export { buildJob, DEFAULT_RETRY, type JobInput } from './model/jobInput.js';
export type { AttemptRecord, CatchUpPolicy, Job, Run, RunStatus, RetryPolicy } from './model/types.js';
export { SCHEDULER_SDL } from './schemaSdl.js';
export { SCHEDULER_BRANCH, SchedulerStore } from './store/SchedulerStore.js';
