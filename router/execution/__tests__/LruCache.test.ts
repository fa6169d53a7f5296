import { describe, expect, it } from 'vitest';
import { LruCache } from '../LruCache.js';

describe('LruCache', () => {
  it('drops the least recently used entry past its bound and counts hits and misses', () => {
    const seen: string[] = [];
    const cache = new LruCache<string, number>(2, (r) => seen.push(r));
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
    expect(seen).toEqual(['hit', 'miss', 'hit']);
  });
});
