import { Kind, print, stripIgnoredCharacters, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql/index.js';

/**
 * The operation's signature, in the spirit of Apollo's usage reporting: literals hidden, aliases
 * dropped, only the operation and its fragments (sorted), ignored characters stripped.
 */
export function operationSignature(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): string {
  const doc: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...Object.values(fragments).sort((a, b) => a.name.value.localeCompare(b.name.value))],
  };
  const hidden = visit(doc, {
    IntValue: (node) => ({ ...node, value: '0' }),
    FloatValue: (node) => ({ ...node, value: '0' }),
    StringValue: (node) => ({ ...node, value: '', block: false }),
    ListValue: (node) => ({ ...node, values: [] }),
    ObjectValue: (node) => ({ ...node, fields: [] }),
    Field: (node) => (node.alias !== undefined ? { ...node, alias: undefined } : undefined),
  });
  return stripIgnoredCharacters(print(hidden));
}
