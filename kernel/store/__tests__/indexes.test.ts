import { describe, expect, it } from 'vitest';
import { del, head, put, storeWithDb, write } from './helpers.js';

describe('Snapshot indexes', () => {
  it('lists ids by commit of first appearance, then by id', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/c'), put('T/a'), put('T/b')]);
    write(store, db, [put('T/0'), put('S/z')]);
    write(store, db, [put('T/a', { v: 2 })]);
    expect([...head(store, db).ids('instance')]).toEqual(['T/a', 'T/b', 'T/c', 'S/z', 'T/0']);
  });

  it('keeps the place of an id that is deleted and written again', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('T/a'), put('T/b')]);
    write(store, db, [put('T/c')]);
    write(store, db, [del('T/a')]);
    write(store, db, [put('T/a', { back: true })]);
    expect([...head(store, db).ids('instance')]).toEqual(['T/a', 'T/b', 'T/c']);
  });

  it('filters by class in document order, merging several classes', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('B/2'), put('A/9')]);
    write(store, db, [put('A/1'), put('B/1'), put('C/1')]);
    const s = head(store, db);
    expect([...s.ids('instance', ['A'])]).toEqual(['A/9', 'A/1']);
    expect([...s.ids('instance', ['B', 'A'])]).toEqual(['A/9', 'B/2', 'A/1', 'B/1']);
    expect([...s.ids('instance', ['X'])]).toEqual([]);
    expect(s.typeOf('B/1')).toBe('B');
    expect(s.count('instance')).toBe(5);
  });

  it('moves a document between class listings when its class changes', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('A/1')]);
    write(store, db, [{ graph: 'instance', id: 'A/1', doc: { '@id': 'A/1', '@type': 'B' }, type: 'B' }]);
    const s = head(store, db);
    expect([...s.ids('instance', ['A'])]).toEqual([]);
    expect([...s.ids('instance', ['B'])]).toEqual(['A/1']);
  });

  it('keeps backlinks in step with changes and deletes', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('P/a', { friend: 'P/b' }, [{ prop: 'friend', target: 'P/b' }]), put('P/b'), put('P/c')]);
    expect([...head(store, db).backlinks('P/b')]).toEqual([{ source: 'P/a', prop: 'friend' }]);
    write(store, db, [put('P/a', { friend: 'P/c' }, [{ prop: 'friend', target: 'P/c' }]), put('P/b', { x: 'P/c' }, [{ prop: 'x', target: 'P/c' }])]);
    const s = head(store, db);
    expect([...s.backlinks('P/b')]).toEqual([]);
    expect([...s.backlinks('P/c')]).toEqual([{ source: 'P/a', prop: 'friend' }, { source: 'P/b', prop: 'x' }]);
    write(store, db, [del('P/a')]);
    expect([...head(store, db).backlinks('P/c')]).toEqual([{ source: 'P/b', prop: 'x' }]);
  });

  it('returns iterables that can be iterated more than once', () => {
    const { store, db } = storeWithDb();
    write(store, db, [put('A/1'), put('A/2')]);
    const ids = head(store, db).ids('instance', ['A']);
    expect([...ids]).toEqual([...ids]);
  });
});
