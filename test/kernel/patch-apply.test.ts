// Patch on a branch (/api/patch/{path}) and apply (/api/apply/{path}).
// Sources: TerminusDB tests/test/patch.js, diff-id.js ('apply squash commit ...') ported; reference §8.3, §8.4.
import { afterAll, describe, expect, it } from 'vitest';
import { UUID } from './expectations.js';
import { randomName, startTarget, type TestDatabase } from './harness.js';

const target = await startTarget();
afterAll(() => target.close());

const CONFLICT_MESSAGE = 'The patch did not apply cleanly because of the attached conflicts';
const short = (id: string): string => id.replace('terminusdb:///data/', '');

/** patch.js fixture: a class with `name` and two documents named foo and bar. */
async function fooBar(db: TestDatabase): Promise<[string, string]> {
  const cls = randomName('T');
  await db.insertSchema({ '@type': 'Class', '@id': cls, name: 'xsd:string' });
  const [id1, id2] = await db.insert([
    { '@type': cls, name: 'foo' },
    { '@type': cls, name: 'bar' },
  ]);
  return [id1 ?? '', id2 ?? ''];
}
const patchDb = (db: TestDatabase, body: object) => target.request('POST', `/api/patch/${db.path}`, { json: body });

describe('Patch on a branch', () => {
  it('applies a patch and answers the affected ids', async () => {
    await using db = await target.withDatabase();
    const [id1] = await fooBar(db);
    const patch = { '@id': id1, name: { '@op': 'SwapValue', '@before': 'foo', '@after': 'bar' } };
    const res = await patchDb(db, { patch, author: 'me', message: 'yo' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([id1]);
    expect((await db.get(short(id1))).name).toBe('bar');
  });

  it('answers a conflict with 409 PatchResponse', async () => {
    await using db = await target.withDatabase();
    const [id1] = await fooBar(db);
    const before = await db.head();
    const patch = { '@id': id1, name: { '@op': 'SwapValue', '@before': 'quux', '@after': 'zippo' } };
    const res = await patchDb(db, { patch, author: 'me', message: 'yo' });
    expect(res.status).toBe(409);
    const { 'api:request_id': requestId, ...rest } = res.body;
    expect(requestId).toMatch(UUID);
    expect(rest).toEqual({
      '@type': 'api:PatchResponse',
      'api:error': {
        '@type': 'api:PatchConflict',
        'api:conflicts': [{ '@id': id1, name: { '@expected': 'quux', '@found': 'foo', '@op': 'Conflict' } }],
      },
      'api:message': CONFLICT_MESSAGE,
      'api:status': 'api:conflict',
    });
    expect(await db.head()).toBe(before);
  });

  it('accepts a SwapValue whose @after already holds (match_final_state)', async () => {
    await using db = await target.withDatabase();
    const [id1, id2] = await fooBar(db);
    const swap = { '@op': 'SwapValue', '@before': 'foo', '@after': 'bar' };
    const res = await patchDb(db, { patch: [{ '@id': id1, name: swap }, { '@id': id2, name: swap }], author: 'me', message: 'yo' });
    expect(res.body).toEqual([id1, id2]);
  });

  it('reports that SwapValue as a conflict with match_final_state=false', async () => {
    await using db = await target.withDatabase();
    const [id1, id2] = await fooBar(db);
    const swap = { '@op': 'SwapValue', '@before': 'foo', '@after': 'bar' };
    const res = await patchDb(db, {
      match_final_state: false,
      patch: [{ '@id': id1, name: swap }, { '@id': id2, name: swap }],
      author: 'me',
      message: 'yo',
    });
    expect(res.status).toBe(409);
    expect(res.body['api:error']).toEqual({
      '@type': 'api:PatchConflict',
      'api:conflicts': [{ '@id': id2, name: { '@expected': 'foo', '@found': 'bar', '@op': 'Conflict' } }],
    });
  });

  it('compares enum values by their short name', async () => {
    await using db = await target.withDatabase();
    await db.insertSchema([
      { '@id': 'LocalStatusType', '@type': 'Enum', '@value': ['UP_TO_DATE', 'NEVER_RAN'] },
      { '@id': 'B', '@key': { '@type': 'Random' }, '@type': 'Class', local_status_type: 'LocalStatusType' },
    ]);
    const [id] = await db.insert({ '@type': 'B', local_status_type: 'UP_TO_DATE' });
    const patch = { '@id': id, local_status_type: { '@op': 'SwapValue', '@before': 'UP_TO_DATE', '@after': 'NEVER_RAN' } };
    const res = await patchDb(db, { patch, author: 'test', message: 'change enum value' });
    expect(res.body).toEqual([id]);
  });

  it('applies through the client (patchResource)', async () => {
    await using db = await target.withDatabase();
    const [id1] = await fooBar(db);
    const result = await db.client.patchResource(
      [{ '@id': short(id1), name: { '@op': 'SwapValue', '@before': 'foo', '@after': 'baz' } }],
      'client patch',
    );
    expect(result).toEqual([id1]);
  });
});

/** diff-id.js apply fixture: two classes, returns versions after each step. */
async function applyFixture(db: TestDatabase) {
  const [c1, c2] = [randomName('C'), randomName('C')];
  await db.insertSchema([
    { '@type': 'Class', '@id': c1, a: 'xsd:string' },
    { '@type': 'Class', '@id': c2, b: 'xsd:string' },
  ]);
  const r1 = await db.client.addDocument({ '@type': c1, a: 'pickles and eggs' }, {}, db.name, 'one', '', true);
  const r2 = await db.client.addDocument({ '@type': c2, b: 'frog legs' }, {}, db.name, 'two', '', true);
  const id2: string = r2.result[0];
  const r3 = await db.client.updateDocument({ '@id': id2, '@type': c2, b: 'vegan frog legs' }, {}, db.name, 'three', '', true);
  return { c2, id2, dv1: r1.dataVersion as string, dv2: r2.dataVersion as string, dv3: r3.dataVersion as string };
}

describe('Apply', () => {
  it('applies the changes between two versions as one commit', async () => {
    await using db = await target.withDatabase();
    const { c2, id2, dv2, dv3 } = await applyFixture(db);
    const res = await target.request('POST', `/api/apply/${db.path}`, {
      json: { before_commit: dv2, after_commit: dv3, commit_info: { author: 'gavin', message: 'something' }, type: 'squash', match_final_state: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ '@type': 'api:ApplyResponse', 'api:status': 'api:success' });
    expect(await db.list({ type: c2 })).toEqual([{ '@id': short(id2), '@type': c2, b: 'vegan frog legs' }]);
  });

  it('answers an insert of an existing document with 409 InsertConflict', async () => {
    await using db = await target.withDatabase();
    const { id2, dv1, dv3 } = await applyFixture(db);
    const res = await target.request('POST', `/api/apply/${db.path}`, {
      json: { before_commit: dv1, after_commit: dv3, commit_info: { author: 'gavin', message: 'something' }, type: 'squash', match_final_state: false },
    });
    expect(res.status).toBe(409);
    expect(res.body['@type']).toBe('api:ApplyError');
    expect(res.body['api:status']).toBe('api:conflict');
    expect(res.body['api:witnesses'][0]).toMatchObject({ '@op': 'InsertConflict', '@id_already_exists': id2 });
  });

  it('answers a changed value with a read conflict', async () => {
    await using db = await target.withDatabase();
    const cls = randomName('C');
    await db.insertSchema({ '@type': 'Class', '@id': cls, a: 'xsd:string' });
    const [longId] = await db.insert({ '@type': cls, a: 'chicken legs' });
    const id = short(longId ?? '');
    await db.client.branch('other');
    db.client.checkout('other');
    const r2 = await db.client.updateDocument({ '@id': id, '@type': cls, a: 'frog legs' }, {}, db.name, 'x', '', true);
    const r3 = await db.client.updateDocument({ '@id': id, '@type': cls, a: 'vegan frog legs' }, {}, db.name, 'y', '', true);
    db.client.checkout('main');
    const res = await target.request('POST', `/api/apply/${db.path}`, {
      json: {
        before_commit: r2.dataVersion,
        after_commit: r3.dataVersion,
        commit_info: { author: 'gavin', message: 'something' },
        type: 'squash',
        match_final_state: true,
      },
    });
    expect(res.status).toBe(409);
    expect(res.body['api:witnesses']).toEqual([{ '@id': id, a: { '@expected': 'frog legs', '@found': 'chicken legs', '@op': 'Conflict' } }]);
  });

  it('refuses versions that are no refs with NotValidRefError', async () => {
    await using db = await target.withDatabase();
    const res = await target.request('POST', `/api/apply/${db.path}`, {
      json: { before_commit: 'nonsense', after_commit: 'nonsense', commit_info: { author: 'gavin', message: 'something' }, type: 'squash', match_final_state: true },
    });
    expect(res.status).toBe(400);
    expect(res.body['api:error']['@type']).toBe('api:NotValidRefError');
  });

  it('applies a branch onto main through the client', async () => {
    await using db = await target.withDatabase();
    const cls = randomName('C');
    await db.insertSchema({ '@type': 'Class', '@id': cls, a: 'xsd:string' });
    await db.client.branch('feature');
    db.client.checkout('feature');
    const [id] = await db.client.addDocument({ '@type': cls, '@id': `${cls}/1`, a: 'new' }, {}, db.name, 'feature work');
    db.client.checkout('main');
    const body = await db.client.apply('main', 'feature', 'merge feature');
    expect(body).toEqual({ '@type': 'api:ApplyResponse', 'api:status': 'api:success' });
    expect(await db.list()).toEqual([{ '@id': short(id), '@type': cls, a: 'new' }]);
  });
});
