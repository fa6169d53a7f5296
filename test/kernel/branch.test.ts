// Branches through the official client and /api/branch.
// Sources: TerminusDB tests/lib/api/error.js (branch errors), diff-id.js (branch from origin); reference §7.4.
import { afterAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { startTarget } from './harness.js';

const target = await startTarget();
afterAll(() => target.close());

const CLASS = { '@type': 'Class', '@id': 'Doc', a: 'xsd:string' };

describe('Branch', () => {
  it('creates a branch at the head of the current one', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    await db.insert({ '@type': 'Doc', '@id': 'Doc/1', a: 'x' });
    const body = await db.client.branch('dev');
    expect(body).toEqual({ '@type': 'api:BranchResponse', 'api:status': 'api:success' });
    const branches = await db.client.getBranches(db.name);
    expect(Object.keys(branches).sort()).toEqual(['dev', 'main']);
    expect(branches.dev).toMatchObject({ '@type': 'Branch', name: 'dev', head: branches.main.head });
    expect(await db.head('dev')).toBe(await db.head());
  });

  it('keeps writes on a branch away from main', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    await db.client.branch('dev');
    db.client.checkout('dev');
    await db.client.addDocument({ '@type': 'Doc', '@id': 'Doc/dev', a: 'd' }, {}, db.name, 'on dev');
    expect(await db.client.getDocument({ as_list: true }, db.name)).toEqual([{ '@id': 'Doc/dev', '@type': 'Doc', a: 'd' }]);
    db.client.checkout('main');
    expect(await db.client.getDocument({ as_list: true }, db.name)).toEqual([]);
  });

  it('creates an empty branch with only a context', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    await db.client.branch('empty', true);
    const schema = await target.request('GET', `/api/document/${db.path}/local/branch/empty`, {
      query: { graph_type: 'schema', as_list: true },
    });
    expect(schema.body).toHaveLength(1);
    expect(schema.body[0]['@type']).toBe('@context');
    const entries = (await target.request('GET', `/api/log/${db.path}/local/branch/empty`)).body;
    expect(entries).toHaveLength(1);
    expect(entries[0]['@type']).toBe('InitialCommit');
  });

  it('branches from a branch name given as origin', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const res = await target.request('POST', `/api/branch/${db.path}/local/branch/feature`, { json: { origin: 'main' } });
    expect(res.body).toEqual({ '@type': 'api:BranchResponse', 'api:status': 'api:success' });
    expect(await db.head('feature')).toBe(await db.head());
  });

  it('refuses an existing branch name with BranchExistsError', async () => {
    await using db = await target.withDatabase();
    const res = await failure(db.client.branch('main'));
    expectApiError(res, 400, 'api:BranchErrorResponse', { '@type': 'api:BranchExistsError', 'api:branch_name': 'main' });
  });

  it('refuses a missing origin branch', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('POST', `/api/branch/${db.path}/local/branch/x`, {
      json: { origin: `${db.path}/local/branch/nope` },
    });
    expectApiError(res, 400, 'api:BranchErrorResponse', { '@type': 'api:OriginBranchDoesNotExist' });
  });

  it('refuses _commits as origin with NotASourceBranchDescriptorError', async () => {
    await using db = await target.withDatabase();
    const origin = `${db.path}/local/_commits`;
    const res = await target.request('POST', `/api/branch/${db.path}/local/branch/x`, { json: { origin } });
    expectApiError(res, 400, 'api:BranchErrorResponse', {
      '@type': 'api:NotASourceBranchDescriptorError',
      'api:absolute_descriptor': origin,
    });
  });

  it('deletes a branch', async () => {
    await using db = await target.withDatabase();
    await db.client.branch('gone');
    expect(await db.client.deleteBranch('gone')).toEqual({ '@type': 'api:BranchResponse', 'api:status': 'api:success' });
    expect(Object.keys(await db.client.getBranches(db.name))).toEqual(['main']);
  });

  it('refuses to delete main', async () => {
    await using db = await target.withDatabase();
    const res = await failure(db.client.deleteBranch('main'));
    expectApiError(res, 400, 'api:BranchErrorResponse', { '@type': 'api:BranchMainDeletionError' });
  });

  it('refuses to delete an unknown branch', async () => {
    await using db = await target.withDatabase();
    const res = await failure(db.client.deleteBranch('nope'));
    expectApiError(res, 400, 'api:BranchErrorResponse', { '@type': 'api:BranchDoesNotExistError' });
  });
});
