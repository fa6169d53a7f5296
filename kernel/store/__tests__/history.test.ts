import { describe, expect, it } from 'vitest';
import { CONTEXT, del, dump, head, put, storeWithDb, USER, write } from './helpers.js';

describe('Store history and branches', () => {
  it('keeps old snapshots unchanged after later writes', () => {
    const { store, db } = storeWithDb();
    const c1 = write(store, db, [put('T/1', { v: 1 }), put('T/2')]);
    const old = store.snapshot(db, c1);
    const before = dump(old);
    write(store, db, [put('T/1', { v: 2 }), del('T/2'), put('T/3')]);
    expect(dump(old)).toEqual(before);
    expect(dump(store.snapshot(db, c1))).toEqual(before);
    expect(head(store, db).getDoc('instance', 'T/1')).toMatchObject({ v: 2 });
  });

  it('branches from a commit without copying, and the branches diverge', () => {
    const { store, db } = storeWithDb();
    const c1 = write(store, db, [put('T/1')]);
    write(store, db, [put('T/2')]);
    store.createBranch(db, 'dev', { commit: c1 });
    expect([...store.branches(db).keys()]).toEqual(['main', 'dev']);
    write(store, db, [put('T/dev')], 'dev');
    expect([...head(store, db, 'dev').ids('instance')]).toEqual(['T/1', 'T/dev']);
    expect([...head(store, db).ids('instance')]).toEqual(['T/1', 'T/2']);
  });

  it('creates an empty branch with its own InitialCommit, replaced by its first commit', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/1')]);
    const context = { ...CONTEXT, '@base': 'http://x/' };
    store.createBranch(db, 'empty', { context });
    const init = store.getCommit(db, store.branches(db).get('empty') ?? '');
    expect(init).toMatchObject({ type: 'InitialCommit', author: 'system', message: 'create initial schema' });
    expect(head(store, db, 'empty').count('instance')).toBe(0);
    expect(head(store, db, 'empty').context).toEqual(context);
    const c = write(store, db, [put('T/9')], 'empty');
    expect(store.getCommit(db, c)?.parent).toBeUndefined();
    expect(head(store, db, 'empty').context).toEqual(context);
  });

  it('deletes and resets branches', () => {
    const { store, db } = storeWithDb();
    const c1 = write(store, db, [put('T/1')]);
    const c2 = write(store, db, [put('T/2')]);
    store.createBranch(db, 'dev', { commit: c2 });
    store.deleteBranch(db, 'dev');
    expect([...store.branches(db).keys()]).toEqual(['main']);
    store.resetBranch(db, 'main', c1);
    expect([...head(store, db).ids('instance')]).toEqual(['T/1']);
    const c3 = write(store, db, [put('T/3')]);
    expect(store.getCommit(db, c3)?.parent).toBe(c1);
    store.resetBranch(db, 'main', c2);
    expect([...head(store, db).ids('instance')]).toEqual(['T/1', 'T/2']);
  });

  it('squashes into a parentless commit with the same content, moving no branch', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/b', {}, [{ prop: 'p', target: 'T/a' }]), { graph: 'schema', id: 'T', doc: { '@id': 'T', '@type': 'Class' } }]);
    const c2 = write(store, db, [put('T/a')]);
    const sq = store.squash(db, c2, { author: 'x', message: 'squash', user: USER });
    expect(sq.parent).toBeUndefined();
    expect(store.branches(db).get('main')).toBe(c2);
    const s = store.snapshot(db, sq.id);
    expect(s.getDoc('instance', 'T/b')).toEqual(head(store, db).getDoc('instance', 'T/b'));
    expect([...s.ids('instance')]).toEqual(['T/a', 'T/b']);
    expect([...s.backlinks('T/a')]).toEqual([{ source: 'T/b', prop: 'p' }]);
    expect(s.count('schema')).toBe(1);
    expect([...store.history(db, sq.id)]).toHaveLength(1);
  });

  it('lists changed ids between two snapshots', () => {
    const { store, db } = storeWithDb();
    const docs = Array.from({ length: 500 }, (_, i) => put(`T/${i}`, { v: i }));
    const c1 = write(store, db, docs);
    const c2 = write(store, db, [put('T/7', { v: -1 }), del('T/8'), put('T/new')]);
    const a = store.snapshot(db, c1);
    const b = store.snapshot(db, c2);
    expect([...b.changedIds(a, 'instance')].sort()).toEqual(['T/7', 'T/8', 'T/new']);
    expect([...b.changedIds(b, 'instance')]).toEqual([]);
    expect([...b.changedIds(a, 'schema')]).toEqual([]);
  });

  it('lists no change between equal content reached by different commits', () => {
    const { store, db } = storeWithDb();
    const base = write(store, db, [put('T/1')]);
    store.createBranch(db, 'dev', { commit: base });
    write(store, db, [put('T/2', { same: true })]);
    write(store, db, [put('T/2', { same: true })], 'dev');
    expect([...head(store, db).changedIds(head(store, db, 'dev'), 'instance')]).toEqual([]);
  });
});
