import { describe, expect, it } from 'vitest';
import { HeadMovedError } from '../index.js';
import { CONTEXT, del, head, put, storeWithDb, USER, write } from './helpers.js';

describe('Store.commit', () => {
  it('writes documents and moves the branch', () => {
    const { store, db } = storeWithDb();
    const id = write(store, db, [put('Person/a', { name: 'A' })]);
    expect(store.branches(db).get('main')).toBe(id);
    expect(head(store, db).getDoc('instance', 'Person/a')).toEqual({ '@id': 'Person/a', '@type': 'Person', name: 'A' });
    const c = store.getCommit(db, id);
    expect(c?.id).toMatch(/^[0-9a-z]{31}$/);
    expect(c).toMatchObject({ type: 'ValidCommit', author: 'a', message: 'm', user: USER });
  });

  it('replaces the InitialCommit: the first real commit has no parent', () => {
    const { store, db } = storeWithDb();
    const initial = store.branches(db).get('main') ?? '';
    expect(store.getCommit(db, initial)).toMatchObject({ type: 'InitialCommit', author: 'system', message: 'create initial schema' });
    const c1 = write(store, db, [put('T/1')]);
    const c2 = write(store, db, [put('T/2')]);
    expect(store.getCommit(db, c1)?.parent).toBeUndefined();
    expect('parent' in (store.getCommit(db, c1) ?? {})).toBe(false);
    expect([...store.history(db, c2)].map((c) => c.id)).toEqual([c2, c1]);
    expect(head(store, db).context).toEqual(CONTEXT);
  });

  it('creates no commit when nothing changes', () => {
    const { store, db } = storeWithDb();
    const c1 = write(store, db, [put('T/1', { v: 1 })]);
    const r = store.commit(db, 'main', { author: 'a', message: 'm', user: USER, changes: [put('T/1', { v: 1 }), del('T/none')] });
    expect(r).toEqual({ commit: store.getCommit(db, c1), created: false });
    expect(store.commit(db, 'main', { author: 'a', message: 'm', user: USER, changes: [] }).created).toBe(false);
  });

  it('gives timestamps that increase strictly and sequence numbers in creation order', () => {
    const { store, db } = storeWithDb();
    const ids = [1, 2, 3, 4, 5].map((i) => write(store, db, [put(`T/${i}`)]));
    const commits = ids.map((id) => store.getCommit(db, id));
    for (let i = 1; i < commits.length; i++) {
      expect(commits[i]?.timestamp ?? 0).toBeGreaterThan(commits[i - 1]?.timestamp ?? 0);
      expect(commits[i]?.seq ?? 0).toBeGreaterThan(commits[i - 1]?.seq ?? 0);
    }
  });

  it('throws HeadMovedError when the expected head is stale', () => {
    const { store, db } = storeWithDb();
    const c1 = write(store, db, [put('T/1')]);
    write(store, db, [put('T/2')]);
    const input = { author: 'a', message: 'm', user: USER, changes: [put('T/3')] };
    expect(() => store.commit(db, 'main', input, c1)).toThrow(HeadMovedError);
    expect(head(store, db).has('instance', 'T/3')).toBe(false);
  });

  it('applies clearGraphs before the changes, keeping identical re-writes as no-ops', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/1'), put('T/2'), { graph: 'schema', id: 'T', doc: { '@id': 'T', '@type': 'Class' } }]);
    const clear = { author: 'a', message: 'm', user: USER, clearGraphs: ['instance'] as const };
    expect(store.commit(db, 'main', { ...clear, changes: [put('T/1'), put('T/2')] }).created).toBe(false);
    store.commit(db, 'main', { ...clear, changes: [put('T/3')] });
    const s = head(store, db);
    expect([...s.ids('instance')]).toEqual(['T/3']);
    expect(s.count('schema')).toBe(1);
  });

  it('commits a context change alone, and keeps it on later commits', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/1')]);
    const context = { ...CONTEXT, '@base': 'http://example.com/' };
    const r = store.commit(db, 'main', { author: 'a', message: 'm', user: USER, changes: [], context });
    expect(r.created).toBe(true);
    expect(store.commit(db, 'main', { author: 'a', message: 'm', user: USER, changes: [], context }).created).toBe(false);
    write(store, db, [put('T/2')]);
    expect(head(store, db).context).toEqual(context);
    expect(store.snapshot(db, r.commit.parent ?? '').context).toEqual(CONTEXT);
  });

  it('writes nothing when a commit fails', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/1')]);
    const before = store.branches(db).get('main');
    const bad = { graph: 'instance', id: 'T/2', doc: { '@id': 'T/2', big: 10n } } as never;
    expect(() => write(store, db, [put('T/3'), bad])).toThrow();
    expect(store.branches(db).get('main')).toBe(before);
    expect(head(store, db).has('instance', 'T/3')).toBe(false);
  });
});
