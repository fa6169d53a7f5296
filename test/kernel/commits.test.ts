// Commits: log, InitialCommit replacement, author/message/user, data versions, time travel, history,
// squash and reset.
// Sources: TerminusDB tests/test/log.js, history.js, squash.js, reset.js, data-version.js; reference §1.5, §7.
import { afterAll, describe, expect, it } from 'vitest';
import { expectApiError, failure } from './expectations.js';
import { startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
afterAll(() => target.close());

const CLASS = { '@type': 'Class', '@id': 'Doc', a: 'xsd:string' };
const doc = (n: number, a: string) => ({ '@type': 'Doc', '@id': `Doc/${n}`, a });

/** Write through raw HTTP and return the new head commit id from the data-version header. */
async function write(db: TestDatabase, method: 'POST' | 'PUT', body: unknown, query: Record<string, string | boolean> = {}): Promise<string> {
  const res = await target.request(method, `/api/document/${db.path}`, {
    query: { author: 'tester', message: `${method} write`, ...query },
    json: body,
  });
  expect(res.status).toBe(200);
  return (res.headers.get('terminusdb-data-version') ?? '').replace(/^branch:/, '');
}
const log = async (db: TestDatabase, path = db.path) => (await target.request('GET', `/api/log/${path}`)).body;

describe('Commit log', () => {
  it('starts with a single InitialCommit', async () => {
    await using db = await target.withDatabase();
    const entries = await log(db);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ '@type': 'InitialCommit', author: 'system', message: 'create initial schema' });
  });

  it('replaces the InitialCommit with the first write and lists newest first (log.js)', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'x'));
    const v2 = await write(db, 'POST', doc(1, 'y'));
    const entries = await log(db);
    expect(entries).toHaveLength(3);
    expect(entries.map((e: { identifier: string }) => e.identifier).slice(0, 2)).toEqual([v2, v1]);
    expect(entries[0].author).toBe('tester');
    expect(entries[2]['@type']).toBe('ValidCommit');
    expect(entries[2].parent).toBeUndefined();
  });

  it('records author, message, user and a numeric timestamp', async () => {
    await using db = await target.withDatabase();
    const before = Date.now() / 1000;
    await db.client.addDocument(CLASS, { graph_type: 'schema' }, db.name, 'the message');
    const [entry] = await db.client.getCommitsLog(0, 1);
    expect(entry).toMatchObject({
      '@type': 'ValidCommit',
      author: target.user,
      message: 'the message',
      user: `terminusdb://system/data/User/${target.user}`,
      identifier: expect.stringMatching(/^[0-9a-z]{31}$/),
    });
    expect(entry['@id']).toBe(`ValidCommit/${entry.identifier}`);
    expect(entry.timestamp).toBeGreaterThan(before - 60);
  });

  it('pages with start and count', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'x'));
    await write(db, 'POST', doc(1, 'y'));
    const page = await target.request('GET', `/api/log/${db.path}`, { query: { start: 1, count: 1 } });
    expect(page.body.map((e: { identifier: string }) => e.identifier)).toEqual([v1]);
  });

  it('refuses graphs without history with ResourceHasNoHistory', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', `/api/log/${db.path}/_meta`);
    expectApiError(res, 400, 'api:LogErrorResponse', { '@type': 'api:ResourceHasNoHistory' });
  });

  it('creates no commit for a write that changes nothing', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'x'));
    const v2 = await write(db, 'PUT', doc(0, 'x'));
    expect(v2).toBe(v1);
    expect(await log(db)).toHaveLength(2);
  });
});

describe('Data versions', () => {
  it('refuses a write with a stale data version (DataVersionMismatch)', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const stale = await write(db, 'POST', doc(0, 'x'));
    const actual = await write(db, 'POST', doc(1, 'y'));
    const res = await target.request('POST', `/api/document/${db.path}`, {
      query: { author: 'a', message: 'm' },
      json: doc(2, 'z'),
      headers: { 'TerminusDB-Data-Version': `branch:${stale}` },
    });
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:DataVersionMismatch',
      'api:requested_data_version': `branch:${stale}`,
      'api:actual_data_version': `branch:${actual}`,
    });
  });

  it('accepts a write with the current data version (client lastDataVersion)', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const current = await write(db, 'POST', doc(0, 'x'));
    const result = await db.client.addDocument(doc(1, 'y'), {}, db.name, 'm', `branch:${current}`, true);
    expect(result.result).toEqual(['terminusdb:///data/Doc/1']);
    expect(result.dataVersion).toMatch(/^branch:/);
    expect(result.dataVersion).not.toBe(`branch:${current}`);
  });

  it('refuses a malformed data version with BadDataVersion (data-version.js)', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', `/api/document/${db.path}`, { headers: { 'TerminusDB-Data-Version': '{}' } });
    expectApiError(res, 400, 'api:GetDocumentErrorResponse', { '@type': 'api:BadDataVersion', 'api:data_version': '{}' });
  });

  it('labels _commits reads with repo: (data-version.js)', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', `/api/document/${db.path}/local/_commits`, { query: { as_list: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get('terminusdb-data-version') ?? '').toMatch(/^repo:/);
  });

  it('labels _meta reads with meta: (data-version.js)', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('GET', `/api/document/${db.path}/_meta`, { query: { as_list: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get('terminusdb-data-version') ?? '').toMatch(/^meta:/);
  });

  it('labels commit reads with commit: and accepts that version (data-version.js)', async () => {
    await using db = await target.withDatabase();
    const commits = await target.request('GET', `/api/document/${db.path}/local/_commits`, { query: { as_list: true } });
    const initial = commits.body.find((d: { '@type': string }) => d['@type'] === 'InitialCommit');
    const header = `commit:${initial.identifier}`;
    const atCommit = await target.request('GET', `/api/document/${db.path}/local/commit/${initial.identifier}`, {
      query: { as_list: true },
      headers: { 'TerminusDB-Data-Version': header },
    });
    expect(atCommit.status).toBe(200);
    expect(atCommit.headers.get('terminusdb-data-version')).toBe(header);
  });
});

describe('Time travel', () => {
  it('reads an older commit with client.ref()', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'old'));
    await write(db, 'PUT', doc(0, 'new'));
    db.client.ref(v1);
    expect(await db.client.getDocument({ as_list: true }, db.name)).toEqual([{ '@id': 'Doc/0', '@type': 'Doc', a: 'old' }]);
    db.client.ref(false as unknown as string);
    expect(await db.client.getDocument({ as_list: true }, db.name)).toEqual([{ '@id': 'Doc/0', '@type': 'Doc', a: 'new' }]);
  });

  it('refuses writes to a commit path', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'old'));
    const res = await target.request('POST', `/api/document/${db.path}/local/commit/${v1}`, {
      query: { author: 'a', message: 'm' },
      json: doc(1, 'x'),
    });
    expectApiError(res, 400, 'api:InsertDocumentErrorResponse', {
      '@type': 'api:DocumentAccessImpossible',
      'api:access_type': 'write',
      'api:graph_type': 'instance',
    });
  });

  it('answers an unknown commit with UnresolvableAbsoluteDescriptor', async () => {
    await using db = await target.withDatabase();
    const path = `${db.path}/local/commit/${'0'.repeat(31)}`;
    const res = await target.request('GET', `/api/document/${path}`);
    expectApiError(res, 404, 'api:GetDocumentErrorResponse', {
      '@type': 'api:UnresolvableAbsoluteDescriptor',
      'api:absolute_descriptor': path,
    });
  });
});

describe('Document history', () => {
  // history.js
  it('lists the commits that changed a document, newest first', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'a'));
    await write(db, 'POST', doc(1, 'b'));
    const v3 = await write(db, 'PUT', doc(0, 'c'));
    const history = await db.client.getDocumentHistory('Doc/0');
    expect(history.map((e: { identifier: string }) => e.identifier)).toEqual([v3, v1]);
    for (const entry of history) {
      expect(entry).toMatchObject({ author: 'tester', user: `terminusdb://system/data/User/${target.user}` });
      expect(Object.keys(entry).sort()).toEqual(['author', 'identifier', 'message', 'timestamp', 'user']);
    }
  });

  it('finds the created and updated commits', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'a'));
    await write(db, 'POST', doc(1, 'b'));
    const v3 = await write(db, 'PUT', doc(0, 'c'));
    const res = await target.request('GET', `/api/history/${db.path}`, { query: { id: 'Doc/0', created: true, updated: true } });
    expect(res.body.created.identifier).toBe(v1);
    expect(res.body.updated.identifier).toBe(v3);
  });

  it('pages history with start and count', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const versions = [await write(db, 'POST', doc(0, 'a'))];
    for (const a of ['b', 'c', 'd']) versions.unshift(await write(db, 'PUT', doc(0, a)));
    const page = async (start: number, count?: number) =>
      (await target.request('GET', `/api/history/${db.path}`, { query: { id: 'Doc/0', start, ...(count === undefined ? {} : { count }) } })).body.map(
        (e: { identifier: string }) => e.identifier,
      );
    expect(await page(0)).toEqual(versions);
    expect(await page(0, 1)).toEqual(versions.slice(0, 1));
    expect(await page(1, 2)).toEqual(versions.slice(1, 3));
    expect(await page(2, 2)).toEqual(versions.slice(2, 4));
  });

  it('adds a diff per entry with diff=true', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    await write(db, 'POST', doc(0, 'a'));
    await write(db, 'PUT', doc(0, 'b'));
    const res = await target.request('GET', `/api/history/${db.path}`, { query: { id: 'Doc/0', diff: true } });
    expect(res.body).toHaveLength(2);
    expect(res.body[0].diff.a).toEqual({ '@op': 'SwapValue', '@before': 'a', '@after': 'b' });
  });
});

describe('Squash and reset', () => {
  it('squashes into a new parentless commit without moving the branch (squash.js)', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    await write(db, 'POST', doc(0, 'a'));
    const head = await write(db, 'POST', doc(1, 'b'));
    const body = await db.client.squashBranch('main', 'squash');
    expect(body).toMatchObject({
      '@type': 'api:SquashResponse',
      'api:status': 'api:success',
      'api:old_commit': `${db.path}/local/commit/${head}`,
      'api:commit': expect.stringMatching(new RegExp(`^${db.path}/local/commit/[0-9a-z]+$`)),
    });
    const squashed = await target.request('GET', `/api/document/${body['api:commit']}`, { query: { as_list: true } });
    expect(squashed.body.map((d: { '@id': string }) => d['@id'])).toEqual(['Doc/0', 'Doc/1']);
    expect(await db.head()).toBe(head);
    expect(await log(db, body['api:commit'])).toHaveLength(1);
  });

  it('resets the branch to an older commit (reset.js)', async () => {
    await using db = await target.withDatabase();
    for (const text of ['test1', 'test2', 'test3']) {
      await target.request('POST', `/api/document/${db.path}`, {
        query: { author: 'a', message: 'm', raw_json: true },
        json: { text },
      });
    }
    const target1 = (await log(db))[1].identifier;
    const res = await target.request('POST', `/api/reset/${db.path}`, { json: { commit_descriptor: target1 } });
    expect(res.body).toEqual({ '@type': 'api:ResetResponse', 'api:status': 'api:success' });
    const docs = await db.list();
    expect(docs.map((d) => d.text)).toEqual(['test1', 'test2']);
    expect(await db.head()).toBe(target1);
  });

  it('resets with a commit path through the client', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema(CLASS);
    const v1 = await write(db, 'POST', doc(0, 'a'));
    await write(db, 'POST', doc(1, 'b'));
    await db.client.resetBranch('main', `${db.path}/local/commit/${v1}`);
    expect(await db.head()).toBe(v1);
  });

  it('refuses an unknown commit', async () => {
    await using db = await target.withDatabase();
    const res = await failure(db.client.resetBranch('main', `${db.path}/local/commit/${'0'.repeat(31)}`));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body['@type']).toBe('api:ResetErrorResponse');
  });
});
