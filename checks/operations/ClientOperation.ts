import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import type { OperationSource } from '../CheckReport.js';

/** One client operation, from a `.graphql` file, the persisted-documents manifest or the router's records. */
export interface ClientOperation {
  readonly name: string | null;
  readonly type: string;
  readonly source: OperationSource;
  /** The operation and the fragments it may spread; `null` when it could not be parsed. */
  readonly operation: OperationDefinitionNode | null;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** `Type.field` coordinates the router recorded (recorded operations only). */
  readonly recordedFields: readonly string[];
}

/** Coordinates an operation touches: `uses` for certain, `mayUse` for what only variable values can reach. */
export interface OperationUsage {
  readonly uses: ReadonlySet<string>;
  readonly mayUse: ReadonlySet<string>;
}

/** Where an operation came from, in one short line (`operations/catalog.graphql`, `manifest sha256:…`, `recorded`). */
export function describeSource(source: OperationSource): string {
  switch (source.kind) {
    case 'file':
      return source.file;
    case 'manifest':
      return `${source.file} ${source.hash.slice(0, 19)}`;
    case 'recorded':
      return `${source.file} (router records)`;
    default: {
      const never: never = source;
      return never;
    }
  }
}

/** The operation definitions and fragments of a document. */
export function splitDocument(document: DocumentNode): { operations: OperationDefinitionNode[]; fragments: Record<string, FragmentDefinitionNode> } {
  const operations: OperationDefinitionNode[] = [];
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) {
    if (d.kind === 'OperationDefinition') operations.push(d);
    else if (d.kind === 'FragmentDefinition') fragments[d.name.value] = d;
  }
  return { operations, fragments };
}
