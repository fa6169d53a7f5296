import { Kind, print, visit, type ArgumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type VariableDefinitionNode } from 'graphql/index.js';

/** The variable carrying the event's id in a lookup query. */
export const LOOKUP_ID_VARIABLE = '_eventStreamId';
/** The variable carrying the event's commit in a document lookup (`ref: { commit: … }`). */
export const LOOKUP_COMMIT_VARIABLE = '_eventStreamCommit';

const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** Adds `__typename` to every selection set (the router re-executes gateway data and needs it for abstract types). */
function withTypenames<T extends SelectionSetNode | FragmentDefinitionNode>(node: T): T {
  return visit(node, {
    SelectionSet(set) {
      if (set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && s.alias === undefined)) return undefined;
      return { ...set, selections: [typename, ...set.selections] };
    },
  });
}

/** The Query field a lookup calls, and how. */
export interface LookupRoot {
  /** The Query field, called with `id: $_eventStreamId`. */
  readonly field: string;
  /** Also pass `ref: { commit: $_eventStreamCommit }` (read at the event's commit). */
  readonly atCommit: boolean;
  /**
   * Keeps a top-level fragment by its type condition (the subscriber's selection on an abstract field
   * holds `... on A` and `... on B`; a lookup of `B` may only keep those `B` satisfies).
   */
  readonly fits?: (typeCondition: string) => boolean;
}

const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
const nonNull = (type: string) => ({ kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } } }) as const;

/**
 * `query($_eventStreamId: ID!, <used variables>) { <responseKey>: <lookup>(id: $_eventStreamId) { …the
 * subscriber's selection… } }` plus the fragments it uses: the subscriber's sub-selection of an event
 * field, as a query the router plans and executes like any other.
 */
export function lookupQuery(
  root: LookupRoot,
  responseKey: string,
  fieldNodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  operation: OperationDefinitionNode,
): string {
  const fits = root.fits;
  const selections = fieldNodes
    .flatMap((f) => f.selectionSet?.selections ?? [])
    .filter((s) => {
      if (fits === undefined) return true;
      if (s.kind === Kind.INLINE_FRAGMENT) return s.typeCondition === undefined || fits(s.typeCondition.name.value);
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments[s.name.value];
        return f !== undefined && fits(f.typeCondition.name.value);
      }
      return true;
    });
  const selectionSet = withTypenames<SelectionSetNode>({ kind: Kind.SELECTION_SET, selections });
  const usedFragments = new Map<string, FragmentDefinitionNode>();
  const variables = new Set<string>();
  const pending: (SelectionSetNode | FragmentDefinitionNode)[] = [selectionSet];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === undefined) break;
    visit(node, {
      Variable(v) {
        variables.add(v.name.value);
      },
      FragmentSpread(s) {
        const f = fragments[s.name.value];
        if (f !== undefined && !usedFragments.has(f.name.value)) {
          usedFragments.set(f.name.value, withTypenames(f));
          pending.push(f);
        }
      },
    });
  }
  const variableDefinitions: VariableDefinitionNode[] = [
    { kind: Kind.VARIABLE_DEFINITION, variable: variable(LOOKUP_ID_VARIABLE), type: nonNull('ID') },
    ...(root.atCommit ? [{ kind: Kind.VARIABLE_DEFINITION, variable: variable(LOOKUP_COMMIT_VARIABLE), type: nonNull('String') } as const] : []),
    ...(operation.variableDefinitions ?? []).filter((d) => variables.has(d.variable.name.value)),
  ];
  const args: ArgumentNode[] = [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: variable(LOOKUP_ID_VARIABLE) }];
  if (root.atCommit) {
    args.push({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: 'ref' },
      value: { kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: 'commit' }, value: variable(LOOKUP_COMMIT_VARIABLE) }] },
    });
  }
  const field: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: root.field },
    arguments: args,
    selectionSet,
  };
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: { kind: Kind.NAME, value: 'EventLookup' },
    variableDefinitions,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
  return print({ kind: Kind.DOCUMENT, definitions: [query, ...usedFragments.values()] });
}
