import type { JsonObject } from '../../types.js';
import type { Context } from '../iri.js';

/** Cardinality family of a property range (§6.3); `Cardinality` is folded into a bounded `Set`. */
export type Family = 'One' | 'Optional' | 'Set' | 'List' | 'Array';

/** What a range names. */
export type RangeKind = 'datatype' | 'class' | 'enum' | 'foreign' | 'unit' | 'json' | 'unknown';

/** One property of a class, inherited ones included. */
export interface PropertyDef {
  /** Contracted property name (as the key in documents). */
  readonly name: string;
  readonly family: Family;
  /** Contracted range: a class id, or a datatype such as `xsd:string`. */
  readonly range: string;
  readonly min?: number;
  readonly max?: number;
  /** Array dimensions (default 1). */
  readonly dimensions?: number;
  /** `"@unfold": true` on the range. */
  readonly unfold: boolean;
}

/** Key strategy of a class (§5.4). */
export type KeyDef =
  | { readonly type: 'Lexical' | 'Hash'; readonly fields: readonly string[] }
  | { readonly type: 'ValueHash' | 'Random' };

export type SchemaKind = 'Class' | 'Enum' | 'TaggedUnion' | 'Foreign';

/** A schema entity with inheritance resolved. */
export interface ClassDef {
  readonly id: string;
  readonly kind: SchemaKind;
  /** Direct parents (contracted). */
  readonly parents: readonly string[];
  /** All ancestors including the class itself. */
  readonly ancestors: ReadonlySet<string>;
  /** Own and inherited properties, in declaration order (own last). */
  readonly properties: ReadonlyMap<string, PropertyDef>;
  /** `@oneOf` groups (own and inherited; a TaggedUnion's properties form one group). */
  readonly oneOfs: readonly ReadonlyMap<string, PropertyDef>[];
  /** Properties that belong to a `@oneOf` group (their presence is governed by the group). */
  readonly choices: ReadonlySet<string>;
  readonly key?: KeyDef;
  /** `@base` of ids (contracted form as given), when declared. */
  readonly base?: string;
  readonly abstract: boolean;
  readonly subdocument: boolean;
  readonly unfoldable: boolean;
  readonly shared: boolean;
  /** Enum values (bare). */
  readonly values?: readonly string[];
  /** The stored (normalised) schema document. */
  readonly doc: JsonObject;
}

/** The whole schema of one commit. */
export interface SchemaModel {
  readonly ctx: Context;
  /** The stored `@context` document. */
  readonly context: JsonObject;
  readonly classes: ReadonlyMap<string, ClassDef>;
  /** The class and all of its (transitive) subclasses. */
  subclassesOf(id: string): readonly string[];
  /** Schema-level problems found while building (§6.8), as witnesses with full IRIs. */
  readonly witnesses: readonly JsonObject[];
}
