import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildJob, DEFAULT_RETRY, type JobInput } from '../index.js';

function failure(input: JobInput): Record<string, unknown> {
  try {
    buildJob(input, { owner: 'alice', now: 0 });
  } catch (err) {
    expect(err).toBeInstanceOf(GraphQLError);
    return (err as GraphQLError).extensions;
  }
  throw new Error('expected a failure');
}

describe('buildJob', () => {
  it('fills defaults and makes an id from the name', () => {
    const job = buildJob({ name: 'Nightly GC!', kind: 'branch-gc', cron: '0 3 * * *' }, { owner: 'alice', now: Date.parse('2026-01-01T00:00:00Z') });
    expect(job).toMatchObject({ name: 'Nightly GC!', kind: 'branch-gc', payload: {}, cron: '0 3 * * *', trigger: null, retry: DEFAULT_RETRY, timeoutMs: 3_600_000, enabled: true, owner: 'alice' });
    expect(job.id).toMatch(/^nightly-gc-[0-9a-f]{6}$/);
  });

  it('refuses invalid cron patterns, zones, payloads and retry policies with stable reasons', () => {
    expect(failure({ name: 'x', kind: 'branch-gc', cron: '99 * * * *' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cron', reason: 'INVALID_CRON' });
    expect(failure({ name: 'x', kind: 'branch-gc', cron: '* * * * *', timezone: 'Nowhere/City' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TIMEZONE' });
    expect(failure({ name: 'x', kind: 'webhook', payload: {} })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payload', reason: 'BAD_PAYLOAD' });
    expect(failure({ name: 'x', kind: 'webhook', payload: { url: 'ftp://x' } })).toMatchObject({ reason: 'BAD_PAYLOAD' });
    expect(failure({ name: 'x', kind: 'reembed', payload: { branch: 'main', typo: 1 } })).toMatchObject({ reason: 'BAD_PAYLOAD' });
    expect(failure({ name: 'x', kind: 'snapshot', payload: [] })).toMatchObject({ reason: 'BAD_PAYLOAD' });
    expect(failure({ name: 'x', kind: 'branch-gc', retry: { maxAttempts: 0 } })).toMatchObject({ field: 'retry.maxAttempts' });
    expect(failure({ name: 'x', kind: 'branch-gc', retry: { initialDelayMs: 5_000, maxDelayMs: 10 } })).toMatchObject({ field: 'retry.maxDelayMs' });
    expect(failure({ name: 'x', kind: 'branch-gc', retry: { jitter: 2 } })).toMatchObject({ field: 'retry.jitter' });
    expect(failure({ name: 'x', kind: 'branch-gc', trigger: { branch: 'svc-core' } })).toMatchObject({ field: 'trigger.branch' });
    expect(failure({ name: '', kind: 'branch-gc' })).toMatchObject({ field: 'name' });
  });

  it('updates keep what the input leaves out and drop what it sets to null', () => {
    const existing = buildJob({ name: 'a', kind: 'validate', cron: '0 * * * *', trigger: { branch: 'main', types: ['Dataset'] } }, { owner: 'alice', now: 0 });
    const updated = buildJob({ cron: null, enabled: false }, { owner: 'bob', now: 1_000, existing });
    expect(updated).toMatchObject({ id: existing.id, name: 'a', cron: null, enabled: false, owner: 'alice', trigger: { branch: 'main', types: ['Dataset'] }, createdAt: existing.createdAt });
    expect(updated.updatedAt).toBe('1970-01-01T00:00:01.000Z');
  });

  it('catchUp defaults to LAST; scheduleSince moves only when cron, zone or enabled change; ownerScopes follow the owner only', () => {
    const created = buildJob({ name: 'a', kind: 'validate', cron: '0 * * * *' }, { owner: 'alice', scopes: ['write', 'read', 'read'], now: 0 });
    expect(created).toMatchObject({ catchUp: 'LAST', scheduleSince: '1970-01-01T00:00:00.000Z', ownerScopes: ['read', 'write'] });
    const renamed = buildJob({ name: 'b', catchUp: 'NONE' }, { owner: 'bob', scopes: ['admin'], now: 1_000, existing: created });
    expect(renamed).toMatchObject({ catchUp: 'NONE', scheduleSince: created.scheduleSince, ownerScopes: ['read', 'write'] });
    const rescheduled = buildJob({ cron: '*/5 * * * *' }, { owner: 'alice', scopes: ['read'], now: 2_000, existing: renamed });
    expect(rescheduled).toMatchObject({ catchUp: 'NONE', scheduleSince: '1970-01-01T00:00:02.000Z', ownerScopes: ['read'] });
    const reenabled = buildJob({ enabled: false }, { owner: 'bob', now: 3_000, existing: rescheduled });
    expect(reenabled.scheduleSince).toBe('1970-01-01T00:00:03.000Z');
    expect(() => buildJob({ name: 'x', kind: 'validate', catchUp: 'ALL' as never }, { owner: 'a', now: 0 })).toThrow(/catchUp/);
  });
});
