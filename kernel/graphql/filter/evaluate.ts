import type { Json } from '../../types.js';
import { nodeOf, type Node, type RequestContext } from '../context.js';
import type { FrameField } from '../frames.js';
import { leaves, valueKey } from '../values.js';
import type { Cond, ValueOp, ValueTest } from './types.js';

/** The stored values of a field of a node (a `sys:JSON` value is one value even when an array). */
export function fieldValues(field: FrameField, node: Node): Json[] {
  const v = node.doc[field.prop];
  if (v === undefined || v === null) return [];
  if (field.range.type === 'base' && field.range.base === 'JSON') {
    if (field.family === 'One' || field.family === 'Optional') return [v];
    return Array.isArray(v) ? v : [v];
  }
  return leaves(v);
}

function text(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function opHolds(op: ValueOp, key: string, v: Json): boolean {
  switch (op.op) {
    case 'eq':
      return key === op.key;
    case 'ne':
      return key !== op.key;
    case 'lt':
      return key < op.key;
    case 'le':
      return key <= op.key;
    case 'gt':
      return key > op.key;
    case 'ge':
      return key >= op.key;
    case 'regex':
      op.re.lastIndex = 0;
      return op.re.test(text(v));
    case 'startsWith':
      return text(v).startsWith(op.prefix);
    case 'allOfTerms': {
      const s = text(v);
      return op.terms.every((t) => s.includes(t));
    }
    case 'anyOfTerms': {
      const s = text(v);
      return op.terms.some((t) => s.includes(t));
    }
    default: {
      const never: never = op;
      return never;
    }
  }
}

function testHolds(rc: RequestContext, test: ValueTest, v: Json, owner: Node): boolean {
  switch (test.t) {
    case 'value': {
      const key = valueKey(test.base, v);
      return test.ops.every((op) => opHolds(op, key, v));
    }
    case 'enum':
      return (test.eq === undefined || v === test.eq) && (test.ne === undefined || v !== test.ne);
    case 'id':
      return typeof v === 'string' && test.ids.has(v);
    case 'node': {
      const node = nodeOf(rc, v, owner);
      return node !== undefined && holds(rc, test.cond, node);
    }
    default: {
      const never: never = test;
      return never;
    }
  }
}

/** True when `node` satisfies the compiled filter. */
export function holds(rc: RequestContext, cond: Cond, node: Node): boolean {
  switch (cond.t) {
    case 'and':
      return cond.items.every((c) => holds(rc, c, node));
    case 'or':
      return cond.items.some((c) => holds(rc, c, node));
    case 'not':
      return !holds(rc, cond.item, node);
    case 'ids':
      return cond.ids.has(node.id);
    case 'field': {
      const values = fieldValues(cond.field, node);
      if (cond.quant === 'one') return values.length > 0 && values[0] !== undefined && testHolds(rc, cond.test, values[0], node);
      if (cond.quant === 'some') return values.some((v) => testHolds(rc, cond.test, v, node));
      return values.every((v) => testHolds(rc, cond.test, v, node));
    }
    default: {
      const never: never = cond;
      return never;
    }
  }
}
