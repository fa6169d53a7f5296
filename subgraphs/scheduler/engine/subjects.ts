import { subjectToken } from '../../../lib/index.js';

/** Bus subjects of the scheduler (streams `SCHEDULER`, `WORK_SCHEDULER`, `DEAD_LETTERS` in lib/events). */
export const subjects = {
  /** Run updates of one job: what the router's `runUpdated(job)` serves. */
  runs: (db: string, jobId: string): string => `scheduler.${subjectToken(db)}.runs.${subjectToken(jobId)}`,
  /** A job was created or changed (replicas reload their cron and trigger tables). */
  jobs: (db: string): string => `scheduler.${subjectToken(db)}.jobs`,
  /** A run was cancelled (the replica running it aborts it). */
  cancel: (db: string): string => `scheduler.${subjectToken(db)}.cancel`,
  /**
   * The work-queue subject of one due run: one subject per run, so `last(subject)` tells whether the
   * run's message is still in the queue (a work-queue stream removes a message once it is acked).
   */
  work: (db: string, runId: string): string => `work.scheduler.${subjectToken(db)}.${subjectToken(runId)}`,
  /** Every due run of a database (the shared consumer's filter). */
  workFilter: (db: string): string => `work.scheduler.${subjectToken(db)}.>`,
  /** Runs that failed their last attempt. */
  dead: (db: string): string => `dead.scheduler.${subjectToken(db)}`,
  /** The work-queue consumer shared by the replicas (one per database). */
  durable: (db: string): string => `scheduler-runs-${db.replace(/[^A-Za-z0-9_-]/g, '_')}`,
};

/** The `runUpdated` payload (the router passes it through; `id` is the run to look up with `run(id)`). */
export interface RunUpdate {
  readonly id: string;
  readonly jobId: string;
  readonly status: string;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly progress: { readonly done: number; readonly total: number | null } | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** When it happened (ISO). */
  readonly at: string;
}
