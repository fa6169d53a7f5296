/** Cardinality family of a property (TerminusDB schema language §6.3). */
export type Family = 'Required' | 'Optional' | 'Set' | 'List' | 'Array' | 'Cardinality';

/** A property of a class or a branch of a tagged union. */
export interface PropertyDef {
  /** Property name as written in the schema. */
  readonly name: string;
  readonly family: Family;
  /** Range: a datatype (`xsd:string`, `sys:JSON`, ...) or a schema document id (class, enum, union). */
  readonly range: string;
  readonly minCardinality?: number;
  readonly maxCardinality?: number;
  readonly dimensions?: number;
  /** True when the property belongs to a class `@oneOf` group (it is then optional on its own). */
  readonly oneOfGroup?: number;
  readonly label?: string;
  readonly comment?: string;
}

/** Key strategy of a class (§5.4). */
export type KeyDef =
  | { readonly type: 'Lexical' | 'Hash'; readonly fields: readonly string[] }
  | { readonly type: 'ValueHash' | 'Random' };

/** Per-property metadata read from the class `@metadata.properties`. */
export interface PropertyMetadata {
  /** The property holds personal data. */
  readonly pii: boolean;
  /** Scopes a caller needs to read the property (all of them). */
  readonly scopes: readonly string[];
}

/** The compiler's reading of a class `@metadata`. */
export interface ClassMetadata {
  /** Only authenticated callers may read instances. */
  readonly authenticated: boolean;
  /** Scopes a caller needs to read instances (all of them). */
  readonly scopes: readonly string[];
  /** Text properties embedded for semantic search. */
  readonly embed: readonly string[];
  readonly properties: Readonly<Record<string, PropertyMetadata>>;
  /** GraphQL plural for the root list field. */
  readonly plural?: string;
  /** Backlink field names on the target type, keyed by property path (`p` or `p.q` through a subdocument). */
  readonly backlinks: Readonly<Record<string, string>>;
  /** The `@metadata` object as written. */
  readonly raw: Readonly<Record<string, unknown>>;
}

interface DocumentDefBase {
  readonly id: string;
  /** File the document came from. */
  readonly file: string;
  readonly comment?: string;
}

/** A `Class` or `TaggedUnion` schema document. */
export interface ClassDef extends DocumentDefBase {
  readonly kind: 'Class' | 'TaggedUnion';
  readonly key?: KeyDef;
  readonly base?: string;
  /** Direct parents. */
  readonly inherits: readonly string[];
  readonly abstract: boolean;
  readonly subdocument: boolean;
  readonly unfoldable: boolean;
  readonly shared: boolean;
  /** Own properties (for a tagged union: its branches), in schema order; `@oneOf` members included. */
  readonly properties: readonly PropertyDef[];
  readonly metadata: ClassMetadata;
}

/** An `Enum` schema document. */
export interface EnumDef extends DocumentDefBase {
  readonly kind: 'Enum';
  readonly values: readonly string[];
  readonly valueComments: Readonly<Record<string, string>>;
}

/** A `Foreign` schema document. */
export interface ForeignDef extends DocumentDefBase {
  readonly kind: 'Foreign';
}

/** Any schema document other than `@context`. */
export type SchemaDef = ClassDef | EnumDef | ForeignDef;

/** The `@context` document. */
export interface ContextDef {
  readonly base: string;
  readonly schema: string;
  readonly prefixes: Readonly<Record<string, string>>;
  readonly title?: string;
  readonly description?: string;
  readonly file: string;
}

/** The parsed ontology: the context and every schema document by id, in source order. */
export interface OntologyModel {
  readonly context: ContextDef;
  readonly documents: ReadonlyMap<string, SchemaDef>;
}
