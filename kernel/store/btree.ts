import { createRequire } from 'node:module';
import type * as btreeTypes from 'sorted-btree';

/** A copy-on-write B+ tree (`clone()` is O(1)). */
export type BTree<K, V> = btreeTypes.default<K, V>;

type DiffHandler<R, A extends unknown[]> = (...args: A) => { break?: R } | void;
type BTreeConstructor = new <K, V>(entries: undefined, compare: (a: K, b: K) => number, maxNodeSize: number) => BTree<K, V>;
type DiffAgainst = <K, V, R>(
  a: BTree<K, V>,
  b: BTree<K, V>,
  onlyA?: DiffHandler<R, [K, V]>,
  onlyB?: DiffHandler<R, [K, V]>,
  different?: DiffHandler<R, [K, V, V]>,
) => R | undefined;

/**
 * `sorted-btree` is CommonJS with `exports.default`; ESM default-import interop differs between
 * Node, tsx and vitest, so it is loaded through `require` here, once.
 */
const require = createRequire(import.meta.url);
const BTreeImpl = (require('sorted-btree') as { default: BTreeConstructor }).default;
const diffAgainst = (require('sorted-btree/extended/diffAgainst.js') as { default: DiffAgainst }).default;

/** String keys compared by UTF-16 code units; one shared function so trees can be diffed. */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Node size 32 keeps copy-on-write path copies small. */
const NODE_SIZE = 32;

/** A new empty string-keyed tree; every tree of the store shares the comparator. */
export function newTree<V>(): BTree<string, V> {
  return new BTreeImpl<string, V>(undefined, compareStrings, NODE_SIZE);
}

/** Walks the differences of two trees, skipping shared subtrees (see sorted-btree `diffAgainst`). */
export const diffTrees: DiffAgainst = diffAgainst;
