import { Kind, print, visit, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type VariableDefinitionNode } from 'graphql/index.js';

/** The variable carrying the event's id in a lookup query. */
export const LOOKUP_ID_VARIABLE = '_eventStreamId';

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

/**
 * `query($_eventStreamId: ID!, <used variables>) { <responseKey>: <lookup>(id: $_eventStreamId) { …the
 * subscriber's selection… } }` plus the fragments it uses: the subscriber's sub-selection of an event
 * field whose type is the lookup's, as a query the router plans and executes like any other.
 */
export function lookupQuery(
  lookup: string,
  responseKey: string,
  fieldNodes: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  operation: OperationDefinitionNode,
): string {
  const selections = fieldNodes.flatMap((f) => f.selectionSet?.selections ?? []);
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
  const idVariable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LOOKUP_ID_VARIABLE } } as const;
  const variableDefinitions: VariableDefinitionNode[] = [
    { kind: Kind.VARIABLE_DEFINITION, variable: idVariable, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } } },
    ...(operation.variableDefinitions ?? []).filter((d) => variables.has(d.variable.name.value)),
  ];
  const field: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: lookup },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: idVariable }],
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
