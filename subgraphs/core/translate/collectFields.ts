import type { FieldNode, FragmentDefinitionNode, GraphQLSchema, SelectionNode, SelectionSetNode } from 'graphql';
import { graphql } from '../graphqlRuntime.js';

const { GraphQLIncludeDirective, GraphQLSkipDirective, getDirectiveValues, isAbstractType, isObjectType, Kind } = graphql;

/** What field collection needs from the operation being executed. */
export interface OperationScope {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** Response key → the field nodes merged under it, in order of first appearance. */
export type CollectedFields = Map<string, FieldNode[]>;

function included(scope: OperationScope, node: SelectionNode): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, scope.variables);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, scope.variables);
  return include?.['if'] !== false;
}

/** Whether a fragment with type condition `condition` applies to values of type `typeName`. */
function applies(scope: OperationScope, condition: string | undefined, typeName: string): boolean {
  if (condition === undefined || condition === typeName) return true;
  const cond = scope.schema.getType(condition);
  const type = scope.schema.getType(typeName);
  if (cond === undefined || type === undefined || !isAbstractType(cond)) return false;
  if (isObjectType(type)) return scope.schema.isSubType(cond, type);
  // An abstract runtime type (collecting the interface-level fields): only its own condition applies.
  return false;
}

/**
 * Collects the fields of `selectionSet` that apply to values of type `typeName` (graphql-js'
 * `collectFields`, with `@skip`/`@include`, inline fragments and fragment spreads).
 */
export function collectFields(
  scope: OperationScope,
  typeName: string,
  selectionSets: readonly SelectionSetNode[],
  into: CollectedFields = new Map(),
  visited: Set<string> = new Set(),
): CollectedFields {
  for (const set of selectionSets) {
    for (const sel of set.selections) {
      if (!included(scope, sel)) continue;
      switch (sel.kind) {
        case Kind.FIELD: {
          const key = sel.alias?.value ?? sel.name.value;
          const list = into.get(key);
          if (list === undefined) into.set(key, [sel]);
          else list.push(sel);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          if (applies(scope, sel.typeCondition?.name.value, typeName)) collectFields(scope, typeName, [sel.selectionSet], into, visited);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = sel.name.value;
          const frag = scope.fragments[name];
          if (frag === undefined || visited.has(name)) break;
          visited.add(name);
          if (applies(scope, frag.typeCondition.name.value, typeName)) collectFields(scope, typeName, [frag.selectionSet], into, visited);
          break;
        }
      }
    }
  }
  return into;
}

/** The sub-selection sets of merged field nodes. */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((n) => (n.selectionSet === undefined ? [] : [n.selectionSet]));
}
