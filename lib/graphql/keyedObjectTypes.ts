import { visit, type DocumentNode } from 'graphql';

/** Names of the object types with `@key` in a subgraph's SDL (the entities it resolves or extends), in SDL order. */
export function keyedObjectTypes(sdl: DocumentNode): string[] {
  const names: string[] = [];
  visit(sdl, {
    ObjectTypeDefinition(node) {
      if (node.directives?.some((d) => d.name.value === 'key')) names.push(node.name.value);
    },
  });
  return names;
}
