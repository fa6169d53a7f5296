import { createRequire } from 'node:module';
import type * as btreeTypes from 'sorted-btree';

/** A copy-on-write B+ tree with string keys (`clone()` is O(1)). */
export type StringTree<V> = btreeTypes.default<string, V>;

type BTreeConstructor = new <K, V>(entries: undefined, compare: (a: K, b: K) => number, maxNodeSize: number) => btreeTypes.default<K, V>;

/** `sorted-btree` is CommonJS with `exports.default`; load it through `require` (same as the store). */
const require = createRequire(import.meta.url);
const BTreeImpl = (require('sorted-btree') as { default: BTreeConstructor }).default;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A new empty string-keyed tree. */
export function newStringTree<V>(): StringTree<V> {
  return new BTreeImpl<string, V>(undefined, compareStrings, 64);
}
