import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { ClientOperation, OperationUsage } from './ClientOperation.js';

/**
 * The schema coordinates an operation touches, computed with graphql's TypeInfo against `schema` (the
 * baseline): named types, `Type.field`, arguments `Type.field.arg`, directives `@name` / `@name.arg`,
 * input fields `Input.field` and enum values `Enum.VALUE` written as literals. Input fields and enum values
 * reachable only through a variable's type are in `mayUse` (their values are not known).
 * The router's recorded `Type.field` coordinates are added to `uses`.
 */
export function operationUsage(schema: GraphQLSchema, op: ClientOperation): OperationUsage {
  const uses = new Set<string>();
  const mayUse = new Set<string>();
  for (const field of op.recordedFields) {
    uses.add(field);
    uses.add(field.split('.')[0] as string);
  }
  if (op.operation === null) return { uses, mayUse };

  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op.operation, ...reachableFragments(op)] };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type === undefined) return;
        const named = getNamedType(type);
        uses.add(named.name);
        reachableInputs(named, mayUse, new Set());
      },
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent == null || node.name.value.startsWith('__')) return;
        uses.add(parent.name);
        uses.add(`${parent.name}.${node.name.value}`);
        const def = typeInfo.getFieldDef();
        if (def != null) uses.add(getNamedType(def.type).name);
      },
      Argument(node) {
        const directive = typeInfo.getDirective();
        const arg = typeInfo.getArgument();
        if (directive != null) uses.add(`@${directive.name}.${node.name.value}`);
        else {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent != null && field != null) uses.add(`${parent.name}.${field.name}.${node.name.value}`);
        }
        if (arg != null) uses.add(getNamedType(arg.type).name);
      },
      Directive(node) {
        uses.add(`@${node.name.value}`);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent == null) return;
        const named = getNamedType(parent);
        uses.add(`${named.name}.${node.name.value}`);
        const own = typeInfo.getInputType();
        if (own != null) uses.add(getNamedType(own).name);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type == null) return;
        const named = getNamedType(type);
        uses.add(named.name);
        uses.add(`${named.name}.${node.value}`);
      },
      InlineFragment(node) {
        if (node.typeCondition !== undefined) uses.add(node.typeCondition.name.value);
      },
      FragmentDefinition(node) {
        uses.add(node.typeCondition.name.value);
      },
    }),
  );
  return { uses, mayUse };
}

/** Input fields, nested input types and enum values a variable of `type` can carry. */
function reachableInputs(type: GraphQLNamedType, out: Set<string>, seen: Set<string>): void {
  if (seen.has(type.name)) return;
  seen.add(type.name);
  if (isEnumType(type)) {
    for (const v of type.getValues()) out.add(`${type.name}.${v.name}`);
  } else if (isInputObjectType(type)) {
    for (const f of Object.values(type.getFields())) {
      out.add(`${type.name}.${f.name}`);
      const named = getNamedType(f.type);
      out.add(named.name);
      reachableInputs(named, out, seen);
    }
  }
}

/** The fragments the operation spreads, transitively. */
function reachableFragments(op: ClientOperation): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending = op.operation === null ? [] : [op.operation.selectionSet];
  for (let set = pending.pop(); set !== undefined; set = pending.pop()) {
    visit(set, {
      FragmentSpread(node) {
        const f = op.fragments[node.name.value];
        if (f !== undefined && !used.has(f.name.value)) {
          used.set(f.name.value, f);
          pending.push(f.selectionSet);
        }
      },
    });
  }
  return [...used.values()];
}
