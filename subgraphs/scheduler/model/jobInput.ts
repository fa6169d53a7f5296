import { randomBytes } from 'node:crypto';
import { supergraphError } from '../../../lib/index.js';
import { cronError } from '../engine/CronTicker.js';
import { KINDS } from '../kinds/index.js';
import { PayloadError } from '../kinds/JobKind.js';
import { CATCH_UP_POLICIES, type CatchUpPolicy, type CommitTrigger, type Job, type JobKindName, type RetryPolicy } from './types.js';

/** `createJob` / `updateJob` input as GraphQL passes it (kinds already mapped to their names). */
export interface JobInput {
  readonly name?: string | null;
  readonly kind?: JobKindName | null;
  readonly payload?: unknown;
  readonly cron?: string | null;
  readonly timezone?: string | null;
  readonly trigger?: { readonly branch: string; readonly types?: readonly string[] | null } | null;
  readonly retry?: { readonly maxAttempts?: number | null; readonly initialDelayMs?: number | null; readonly maxDelayMs?: number | null; readonly jitter?: number | null } | null;
  readonly timeoutSeconds?: number | null;
  readonly enabled?: boolean | null;
  readonly catchUp?: CatchUpPolicy | null;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, initialDelayMs: 10_000, maxDelayMs: 600_000, jitter: 0.5 };
const DEFAULT_TIMEOUT_MS = 3_600_000;
const WEEK_MS = 7 * 24 * 3_600_000;

function bad(field: string, message: string, reason = 'INVALID_JOB'): never {
  throw supergraphError('BAD_USER_INPUT', message, { field, reason });
}

function checkPayload(kind: JobKindName, payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) bad('payload', `payload must be a JSON object for kind ${kind}`, 'BAD_PAYLOAD');
  try {
    KINDS[kind].parse(payload as Record<string, unknown>);
  } catch (err) {
    if (err instanceof PayloadError) bad('payload', `payload does not fit kind ${kind}: ${err.message}`, 'BAD_PAYLOAD');
    throw err;
  }
  return payload as Record<string, unknown>;
}

/** Checks a payload override of `runJobNow` merged over the job's payload; returns the override. */
export function checkRunPayload(job: Job, override: unknown): Record<string, unknown> {
  if (override === undefined || override === null) return {};
  if (typeof override !== 'object' || Array.isArray(override)) bad('payload', 'payload must be a JSON object', 'BAD_PAYLOAD');
  checkPayload(job.kind, { ...job.payload, ...(override as Record<string, unknown>) });
  return override as Record<string, unknown>;
}

function checkTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    bad('timezone', `unknown time zone ${JSON.stringify(tz)} (use an IANA name such as Europe/Berlin)`, 'INVALID_TIMEZONE');
  }
}

function intIn(field: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) bad(field, `${field} must be an integer from ${min} to ${max}`);
  return v;
}

function retryPolicy(input: JobInput['retry'], base: RetryPolicy): RetryPolicy {
  const r = input ?? {};
  const policy = {
    maxAttempts: intIn('retry.maxAttempts', r.maxAttempts ?? base.maxAttempts, 1, 100),
    initialDelayMs: intIn('retry.initialDelayMs', r.initialDelayMs ?? base.initialDelayMs, 0, WEEK_MS),
    maxDelayMs: intIn('retry.maxDelayMs', r.maxDelayMs ?? base.maxDelayMs, 0, WEEK_MS),
    jitter: r.jitter ?? base.jitter,
  };
  if (policy.maxDelayMs < policy.initialDelayMs) bad('retry.maxDelayMs', 'retry.maxDelayMs must be at least retry.initialDelayMs');
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) bad('retry.jitter', 'retry.jitter must be from 0 to 1');
  return policy;
}

function trigger(input: NonNullable<JobInput['trigger']>): CommitTrigger {
  const branch = input.branch.trim();
  if (branch === '' || branch.length > 200) bad('trigger.branch', 'trigger.branch must be a branch name');
  if (branch.startsWith('svc-')) bad('trigger.branch', 'service branches (svc-*) cannot trigger jobs');
  const types = [...new Set(input.types ?? [])].sort();
  for (const t of types) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(t)) bad('trigger.types', `${JSON.stringify(t)} is not a class name`);
  return { branch, types };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'job';
}

/**
 * Builds the job a `createJob` (no `existing`) or `updateJob` input describes, or throws
 * `BAD_USER_INPUT` with `extensions.field` and `reason` (`INVALID_CRON`, `INVALID_TIMEZONE`,
 * `BAD_PAYLOAD`, `INVALID_JOB`) before anything is written.
 */
export function buildJob(input: JobInput, context: { owner: string; scopes?: readonly string[]; now: number; existing?: Job }): Job {
  const existing = context.existing;
  const kind = existing?.kind ?? input.kind;
  if (kind === undefined || kind === null || !(kind in KINDS)) bad('kind', 'kind is required');
  const name = input.name ?? existing?.name;
  if (name === undefined || name === null || name.trim() === '' || name.length > 200) bad('name', 'name must be 1 to 200 characters');
  const payload = checkPayload(kind, input.payload === undefined ? (existing?.payload ?? {}) : input.payload);
  const cron = input.cron === undefined ? (existing?.cron ?? null) : input.cron === null || input.cron.trim() === '' ? null : input.cron.trim();
  const timezone = input.timezone === undefined ? (existing?.timezone ?? null) : input.timezone;
  if (timezone !== null) checkTimezone(timezone);
  if (cron !== null) {
    const error = cronError(cron, timezone);
    if (error !== undefined) bad('cron', `invalid cron pattern ${JSON.stringify(cron)}: ${error}`, 'INVALID_CRON');
  }
  const timeoutSeconds = input.timeoutSeconds ?? (existing === undefined ? DEFAULT_TIMEOUT_MS / 1000 : existing.timeoutMs / 1000);
  if (!(timeoutSeconds > 0 && timeoutSeconds * 1000 <= WEEK_MS)) bad('timeoutSeconds', 'timeoutSeconds must be more than 0 and at most a week');
  const now = new Date(context.now).toISOString();
  const catchUp = input.catchUp ?? existing?.catchUp ?? 'LAST';
  if (!CATCH_UP_POLICIES.includes(catchUp)) bad('catchUp', `catchUp must be one of ${CATCH_UP_POLICIES.join(', ')}`);
  const enabled = input.enabled ?? existing?.enabled ?? true;
  // Ticks before the schedule took its current form are never caught up.
  const scheduleChanged = existing === undefined || existing.cron !== cron || existing.timezone !== timezone || existing.enabled !== enabled;
  // The owner's scopes: recorded at creation, refreshed when the owner changes the job (another user's update keeps them).
  const ownerScopes = existing === undefined || existing.owner === context.owner ? [...new Set(context.scopes ?? [])].sort() : existing.ownerScopes;
  return {
    id: existing?.id ?? `${slug(name)}-${randomBytes(3).toString('hex')}`,
    name: name.trim(),
    kind,
    payload,
    cron,
    timezone,
    trigger: input.trigger === undefined ? (existing?.trigger ?? null) : input.trigger === null ? null : trigger(input.trigger),
    retry: retryPolicy(input.retry, existing?.retry ?? DEFAULT_RETRY),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    enabled,
    catchUp,
    scheduleSince: scheduleChanged ? now : existing.scheduleSince,
    owner: existing?.owner ?? context.owner,
    ownerScopes,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}
