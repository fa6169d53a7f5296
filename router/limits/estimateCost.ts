import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql/index.js';

/** Options of {@link estimateCost}. */
export interface CostOptions {
  /** Size assumed for a list without a size argument. */
  readonly defaultListSize: number;
  /** Arguments that bound a list's size (`first`, `last`, `limit`). */
  readonly listSizeArguments: readonly string[];
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function intValue(node: ValueNode, variables: Readonly<Record<string, unknown>>): number | undefined {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * Estimates an operation's cost: every field instance costs 1, and a list multiplies what is selected
 * under it by its size (the `first`/`limit` argument, its schema default, else `defaultListSize`).
 * Connection types count `edges`/`nodes` at the connection's `first`.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  options: CostOptions,
): number {
  const root = schema.getRootType(operation.operation);
  if (root === undefined || root === null) return 0;
  const sizeArgs = new Set(options.listSizeArguments);
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, pending: number | undefined, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition !== undefined ? schema.getType(sel.typeCondition.name.value) : parent;
        if (t !== undefined && isCompositeType(t)) cost += walk(sel.selectionSet, t, multiplier, pending, seen);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments[sel.name.value];
        const t = f !== undefined ? schema.getType(f.typeCondition.name.value) : undefined;
        if (f !== undefined && !seen.has(f.name.value) && t !== undefined && isCompositeType(t)) cost += walk(f.selectionSet, t, multiplier, pending, new Set([...seen, f.name.value]));
        continue;
      }
      if (sel.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const def = parent.getFields()[sel.name.value];
      if (def === undefined) continue;
      cost += multiplier;
      const named = getNamedType(def.type);
      if (sel.selectionSet === undefined || !isCompositeType(named)) continue;
      let size: number | undefined;
      for (const arg of sel.arguments ?? []) if (sizeArgs.has(arg.name.value)) size = intValue(arg.value, variables) ?? size;
      if (size === undefined) {
        const declared = def.args.find((a) => sizeArgs.has(a.name));
        if (declared !== undefined && typeof declared.defaultValue === 'number') size = declared.defaultValue;
      }
      if (isList(def.type)) {
        cost += walk(sel.selectionSet, named, multiplier * Math.max(0, size ?? pending ?? options.defaultListSize), undefined, seen);
      } else {
        // A connection: its size argument applies to the list below it (edges / nodes).
        cost += walk(sel.selectionSet, named, multiplier, size, seen);
      }
    }
    return cost;
  };
  return walk(operation.selectionSet, root, 1, undefined, new Set());
}
