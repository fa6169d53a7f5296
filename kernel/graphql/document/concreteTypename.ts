import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FieldNode, type GraphQLSchema } from 'graphql';

/**
 * TerminusDB answers `__typename` of a document with its concrete class (a `Child` listed by
 * `Parent` is a `Child`), which graphql-js cannot do for object types (its meta field answers the
 * parent type). Rewrites every `__typename` selected on a class type into the `_type` field, which
 * resolves the concrete class, under the same response key. Runs once per query text (the result is
 * cached with the validated document); `Query`/`TerminusMutation` keep the standard meta field.
 */
export function concreteTypename(schema: GraphQLSchema, document: DocumentNode, classTypes: ReadonlySet<string>): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  let changed = false;
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node): FieldNode | undefined {
        if (node.name.value !== '__typename') return undefined;
        const parent = typeInfo.getParentType();
        if (parent === null || parent === undefined || !classTypes.has(parent.name)) return undefined;
        changed = true;
        return {
          ...node,
          alias: node.alias ?? { kind: Kind.NAME, value: '__typename' },
          name: { kind: Kind.NAME, value: '_type' },
        };
      },
    }),
  );
  return changed ? rewritten : document;
}
