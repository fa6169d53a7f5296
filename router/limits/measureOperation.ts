import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql/index.js';

/** Static shape of an operation, fragments expanded. */
export interface OperationShape {
  /** Deepest field nesting (a root field is depth 1; `__typename` and introspection not counted). */
  readonly depth: number;
  readonly aliases: number;
  /** Root fields, fragments expanded (`__typename` not counted). */
  readonly rootFields: number;
}

/** Measures depth, aliases and root fields of an operation. */
export function measureOperation(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): OperationShape {
  let aliases = 0;
  let rootFields = 0;
  const walk = (set: SelectionSetNode, depth: number, seen: ReadonlySet<string>): number => {
    let deepest = depth;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias !== undefined) aliases++;
        if (sel.name.value.startsWith('__')) continue;
        if (depth === 0) rootFields++;
        deepest = Math.max(deepest, sel.selectionSet !== undefined ? walk(sel.selectionSet, depth + 1, seen) : depth + 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(sel.selectionSet, depth, seen));
      } else {
        const name = sel.name.value;
        const fragment = fragments[name];
        if (fragment === undefined || seen.has(name)) continue;
        deepest = Math.max(deepest, walk(fragment.selectionSet, depth, new Set([...seen, name])));
      }
    }
    return deepest;
  };
  const depth = walk(operation.selectionSet, 0, new Set());
  return { depth, aliases, rootFields };
}
