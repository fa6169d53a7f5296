// Branches: naming rules, create/delete, reads on a branch, promote as one commit or conflicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type CoreHarness } from './harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
});
afterAll(() => h.close());

const tag = (): string => String(h.seed.find((d) => d['@type'] === 'Tag')?.['@id']);

describe('branches', () => {
  it('labels a branch with a max age in svc-core for later clean-up, and drops the label on delete', async () => {
    const before = Date.now();
    const c = await h.gql(`mutation { createBranch(name: "feature/short", maxAgeHours: 2) { branch { name } } }`);
    expect(c.body.errors).toBeUndefined();
    const labels = (await h.client.getDocument({ as_list: true, type: 'sys:JSONDocument' }, h.db, 'svc-core')) as { branch: string; expiresAt: string; createdBy: string }[];
    const label = labels.find((l) => l.branch === 'feature/short');
    expect(label?.createdBy).toBe('tester');
    const expires = Date.parse(label?.expiresAt ?? '');
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 1_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    await h.gql(`mutation { deleteBranch(name: "feature/short") { deleted } }`);
    const after = (await h.client.getDocument({ as_list: true, type: 'sys:JSONDocument' }, h.db, 'svc-core')) as { branch: string }[];
    expect(after.find((l) => l.branch === 'feature/short')).toBeUndefined();
  });

  it('creates, lists, reads and deletes branches with / in their names', async () => {
    const c = await h.gql(`mutation { createBranch(name: "feature/x") { branch { name head } } }`);
    expect(c.body.errors).toBeUndefined();
    expect(c.body.data.createBranch.branch).toEqual({ name: 'feature/x', head: await h.head() });
    const w = await h.gql(`mutation { createTag(input: {name: "on-branch"}, branch: "feature/x") { branch commitId } }`);
    expect(w.body.errors).toBeUndefined();
    const r = await h.gql(`{ onBranch: tag(id: "Tag/on-branch", ref: {branch: "feature/x"}) { id } onMain: tag(id: "Tag/on-branch") { id } branches { name head headTime } }`);
    expect(r.body.data.onBranch).toEqual({ id: 'Tag/on-branch' });
    expect(r.body.data.onMain).toBeNull();
    const listed = r.body.data.branches.find((b: { name: string }) => b.name === 'feature/x');
    expect(listed.head).toBe(w.body.data.createTag.commitId);
    expect(typeof listed.headTime).toBe('string');
    const d = await h.gql(`mutation { deleteBranch(name: "feature/x") { name deleted } }`);
    expect(d.body.data.deleteBranch).toEqual({ name: 'feature/x', deleted: true });
    const gone = await h.gql(`mutation { deleteBranch(name: "feature/x") { deleted } }`);
    expect(gone.body.errors[0].extensions.code).toBe('BRANCH_NOT_FOUND');
  });

  it('enforces naming rules and refuses duplicates and deleting main', async () => {
    for (const name of ['Feature/X', 'dev', 'feature/', 'prod/a b', 'svc-', 'feature/a~b']) {
      const r = await h.gql(`mutation($n: String!) { createBranch(name: $n) { branch { name } } }`, { n: name });
      expect(r.body.errors[0].extensions.code, name).toBe('INVALID_BRANCH_NAME');
    }
    await h.gql(`mutation { createBranch(name: "prod/eu") { branch { name } } }`);
    const dup = await h.gql(`mutation { createBranch(name: "prod/eu") { branch { name } } }`);
    expect(dup.body.errors[0].extensions.code).toBe('CONFLICT');
    const main = await h.gql(`mutation { deleteBranch(name: "main") { deleted } }`);
    expect(main.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('creates a branch from a past commit', async () => {
    const past = await h.head();
    await h.gql(`mutation { createTag(input: {name: "after-past"}) { id } }`);
    const c = await h.gql(`mutation($c: String) { createBranch(name: "svc-test", from: {commit: $c}) { branch { head } } }`, { c: past });
    expect(c.body.data.createBranch.branch.head).toBe(past);
    const r = await h.gql(`{ tag(id: "Tag/after-past", ref: {branch: "svc-test"}) { id } }`);
    expect(r.body.data.tag).toBeNull();
  });

  it('promotes a branch as one commit', async () => {
    await h.gql(`mutation { createBranch(name: "feature/promo") { branch { name } } }`);
    await h.gql(`mutation { createTag(input: {name: "promo-1"}, branch: "feature/promo") { id } }`);
    await h.gql(`mutation($t: ID!) { updateTag(id: $t, patch: {description: "from promo"}, branch: "feature/promo") { id } }`, { t: tag() });
    await h.gql(`mutation { createTag(input: {name: "main-only"}) { id } }`);
    const p = await h.gql(`mutation { promoteBranch(source: "feature/promo", target: "main", message: "promote promo") { status commitId changedIds conflicts { id } } }`);
    expect(p.body.errors).toBeUndefined();
    const res = p.body.data.promoteBranch;
    expect(res.status).toBe('PROMOTED');
    expect(res.commitId).toBe(await h.head());
    expect([...res.changedIds].sort()).toEqual([tag(), 'Tag/promo-1'].sort());
    const r = await h.gql(`query($t: ID!) { a: tag(id: "Tag/promo-1") { id } b: tag(id: $t) { description } c: tag(id: "Tag/main-only") { id } }`, { t: tag() });
    expect(r.body.data).toEqual({ a: { id: 'Tag/promo-1' }, b: { description: 'from promo' }, c: { id: 'Tag/main-only' } });
    const again = await h.gql(`mutation { promoteBranch(source: "feature/promo", target: "main", message: "again") { status } }`);
    expect(again.body.data.promoteBranch.status).toBe('UP_TO_DATE');
  });

  it('reports conflicts document by document and commits nothing', async () => {
    await h.gql(`mutation { createBranch(name: "feature/conflict") { branch { name } } }`);
    await h.gql(`mutation($t: ID!) { updateTag(id: $t, patch: {color: "on-branch"}, branch: "feature/conflict") { id } }`, { t: tag() });
    await h.gql(`mutation($t: ID!) { updateTag(id: $t, patch: {color: "on-main"}) { id } }`, { t: tag() });
    const before = await h.head();
    const p = await h.gql(`mutation { promoteBranch(source: "feature/conflict", target: "main", message: "promote") { status commitId conflicts { id kind paths source target base } } }`);
    expect(p.body.errors).toBeUndefined();
    const res = p.body.data.promoteBranch;
    expect(res.status).toBe('CONFLICTED');
    expect(res.commitId).toBeNull();
    expect(res.conflicts).toHaveLength(1);
    expect(res.conflicts[0]).toMatchObject({ id: tag(), kind: 'BOTH_CHANGED', paths: ['color'], source: { color: 'on-branch' }, target: { color: 'on-main' } });
    expect(await h.head()).toBe(before);
  });
});
