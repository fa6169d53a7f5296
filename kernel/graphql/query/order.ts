import type { Node } from '../context.js';
import type { FrameField } from '../frames.js';
import { fieldValues } from '../filter/evaluate.js';
import { valueKey } from '../values.js';

/** One `orderBy` entry, in the order the query gave them. */
export interface OrderSpec {
  readonly field: FrameField;
  readonly desc: boolean;
}

function sortKey(field: FrameField, node: Node): string | undefined {
  if (field.range.type !== 'base') return undefined;
  const first = fieldValues(field, node)[0];
  return first === undefined ? undefined : valueKey(field.range.base, first);
}

/**
 * Sorts nodes by the order specs, stably (ties keep the input order, which is document order for
 * class queries). A missing value sorts before any value (TerminusDB's `None < Some`), reversed by DESC.
 */
export function sortNodes(nodes: readonly Node[], order: readonly OrderSpec[]): Node[] {
  if (order.length === 0) return [...nodes];
  const keyed = nodes.map((node) => ({ node, keys: order.map((o) => sortKey(o.field, node)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      let c = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
      if (order[i]?.desc === true) c = -c;
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.node);
}
