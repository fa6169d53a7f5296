import type { Family, KeyDef } from '../model/types.js';
import type { ScalarName } from '../graphql/ranges.js';

/** How a field's value is found in TerminusDB. */
export type FieldManifest =
  /** The document id (`@id`; `_id` in TerminusDB's GraphQL). */
  | { readonly kind: 'id' }
  /** A property of the document. */
  | {
      readonly kind: 'property';
      /** TerminusDB property name. */
      readonly property: string;
      /** Class that declares it (the class itself or an ancestor). */
      readonly declaredBy: string;
      readonly family: Family;
      /** TerminusDB range: a datatype or a schema document id. */
      readonly range: string;
      readonly rangeKind: 'datatype' | 'unit' | 'enum' | 'document' | 'subdocument' | 'union' | 'foreign';
      /** GraphQL scalar for datatype ranges. */
      readonly scalar?: ScalarName;
      /** GraphQL named type of the value (for connections: the node type). */
      readonly type: string;
      /** Exposed as a Relay connection (collection of classes). */
      readonly connection: boolean;
      readonly pii: boolean;
      /** Scopes needed to read it (all of them). */
      readonly scopes: readonly string[];
      /** Embedded for semantic search. */
      readonly embed: boolean;
    }
  /** Documents of another class that point at this one. */
  | {
      readonly kind: 'backlink';
      /** Class whose documents hold the link. */
      readonly source: string;
      /** Property path from the source document to the link (through at most one subdocument). */
      readonly path: readonly string[];
      /** GraphQL type of the source documents. */
      readonly type: string;
      readonly connection: true;
    };

/** A GraphQL type generated for a class or tagged union. */
export interface ClassTypeManifest {
  readonly kind: 'entity' | 'interface' | 'object';
  /** TerminusDB class id. */
  readonly class: string;
  readonly abstract: boolean;
  readonly subdocument: boolean;
  readonly key?: KeyDef;
  /** Interfaces the type implements. */
  readonly implements: readonly string[];
  /** For interfaces and document classes: concrete TerminusDB classes whose instances the type covers. */
  readonly concreteClasses: readonly string[];
  readonly authenticated: boolean;
  readonly scopes: readonly string[];
  readonly embed: readonly string[];
  /** Root fields answering this type (document classes only). */
  readonly rootFields?: { readonly one: string; readonly many: string };
  readonly filter: string;
  readonly ordering?: string;
  readonly fields: Readonly<Record<string, FieldManifest>>;
}

/** A GraphQL union generated for a tagged union. */
export interface UnionTypeManifest {
  readonly kind: 'union';
  readonly class: string;
  /** Branch property → the union member that carries it. `wrapper` members have a single field named like the branch. */
  readonly branches: Readonly<Record<string, { readonly type: string; readonly wrapper: boolean; readonly range: string }>>;
}

/** A GraphQL enum generated for a TerminusDB enum. */
export interface EnumTypeManifest {
  readonly kind: 'enum';
  readonly enum: string;
  /** GraphQL value → TerminusDB value. */
  readonly values: Readonly<Record<string, string>>;
}

/** A root field and what it does. */
export interface RootFieldManifest {
  readonly operation: 'one' | 'many' | 'create' | 'update' | 'replace' | 'delete' | 'commit' | 'branches' | 'createBranch' | 'deleteBranch' | 'promoteBranch';
  /** GraphQL type of the class it serves (class operations only). */
  readonly type?: string;
  /** TerminusDB class it serves (class operations only). */
  readonly class?: string;
}

/**
 * The model manifest: everything the core subgraph's generic resolvers need to map GraphQL to TerminusDB
 * without reading the ontology. Committed as `subgraphs/core/model.generated.json`.
 */
export interface ModelManifest {
  readonly version: 1;
  readonly generatedBy: string;
  readonly context: { readonly base: string; readonly schema: string };
  readonly types: Readonly<Record<string, ClassTypeManifest | UnionTypeManifest | EnumTypeManifest>>;
  /** `ChangeInput` field → class type (for the `commit` mutation). */
  readonly changeInput: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, RootFieldManifest>>;
  readonly mutation: Readonly<Record<string, RootFieldManifest>>;
}
