import { describe, expect, it } from 'vitest';
import { LruCache } from '../read/LruCache.js';

describe('LruCache', () => {
  it('evicts the least recently used by entries and by bytes', () => {
    const c = new LruCache<number>({ maxEntries: 2, maxBytes: 100 });
    c.set('a', 1, 10);
    c.set('b', 2, 10);
    expect(c.get('a')).toBe(1);
    c.set('c', 3, 10);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    c.set('d', 4, 13); // > maxBytes / 8: not kept
    expect(c.get('d')).toBeUndefined();
    const bytes = new LruCache<number>({ maxEntries: 10, maxBytes: 80 });
    for (let i = 0; i < 10; i++) bytes.set(String(i), i, 10);
    expect(bytes.size).toBe(8);
    expect(bytes.bytes).toBe(80);
    expect(bytes.get('0')).toBeUndefined();
    expect(bytes.stats.evictions).toBe(2);
  });

  it('loads once for concurrent misses, keeps only what load sizes, and is off at 0', async () => {
    const c = new LruCache<string>({ maxEntries: 10, maxBytes: 1000 });
    let loads = 0;
    const load = async (): Promise<{ value: string; size: number | undefined }> => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { value: 'v', size: 1 };
    };
    expect(await Promise.all([c.getOrLoad('k', load), c.getOrLoad('k', load)])).toEqual(['v', 'v']);
    expect(await c.getOrLoad('k', load)).toBe('v');
    expect(loads).toBe(1);
    expect(c.stats).toMatchObject({ hits: 1, misses: 1, coalesced: 1 });
    await c.getOrLoad('e', async () => ({ value: 'err', size: undefined }));
    expect(c.get('e')).toBeUndefined();
    const off = new LruCache<string>({ maxEntries: 0, maxBytes: 0 });
    await off.getOrLoad('k', load);
    await off.getOrLoad('k', load);
    expect(loads).toBe(3);
  });
});
