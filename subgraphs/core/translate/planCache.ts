import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import type { VariableDef } from './QueryText.js';

const { Kind, visit } = graphql;

/** A translation kept for reuse: the plan and text of a root field and the variables planning added. */
export interface CachedPlan<P> {
  readonly planned: P;
  readonly defs: readonly VariableDef[];
}

/** Hits and misses of the plan cache (exported to /metrics). */
export const planStats = { hits: 0, misses: 0 };

const usedVariables = new WeakMap<SelectionSetNode, readonly string[]>();
const plans = new WeakMap<FieldNode, Map<string, CachedPlan<unknown>>>();
const PER_FIELD = 64;

/** Names of the operation variables a selection set uses (its arguments and directives, through fragments). */
function variablesOf(set: SelectionSetNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): readonly string[] {
  let names = usedVariables.get(set);
  if (names === undefined) {
    const found = new Set<string>();
    const seen = new Set<string>();
    const walk = (node: SelectionSetNode | FragmentDefinitionNode): void => {
      visit(node, {
        Variable: (v) => void found.add(v.name.value),
        FragmentSpread: (s) => {
          const f = fragments[s.name.value];
          if (f !== undefined && !seen.has(s.name.value)) {
            seen.add(s.name.value);
            walk(f);
          }
        },
      });
    };
    walk(set);
    names = [...found].sort();
    usedVariables.set(set, names);
  }
  return names;
}

/**
 * The translation of a root field, planned once per (field node of the parsed operation, part
 * number, arguments, values of the variables its selection uses) — what the plan depends on. Parsed
 * operations are cached by the endpoint, so repeated operations reuse their field nodes; entries
 * go with the document (WeakMap).
 */
export function cachedPlan<P>(
  nodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  part: number,
  args: unknown,
  plan: () => CachedPlan<P>,
): CachedPlan<P> {
  const node = nodes[0];
  if (node === undefined || nodes.length !== 1 || node.selectionSet === undefined || node.kind !== Kind.FIELD) return plan();
  const used = variablesOf(node.selectionSet, fragments);
  const key = `${part}\u0000${JSON.stringify(args)}\u0000${JSON.stringify(used.map((n) => variables[n] ?? null))}`;
  let byKey = plans.get(node);
  const hit = byKey?.get(key);
  if (hit !== undefined) {
    planStats.hits++;
    return hit as CachedPlan<P>;
  }
  planStats.misses++;
  const made = plan();
  if (byKey === undefined) {
    byKey = new Map();
    plans.set(node, byKey);
  }
  if (byKey.size >= PER_FIELD) byKey.clear();
  byKey.set(key, made);
  return made;
}
