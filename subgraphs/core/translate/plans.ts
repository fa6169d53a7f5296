/**
 * The plan of a translated selection: what each response key of the subgraph's answer is read from
 * in TerminusDB's answer (raw keys are the aliases of the TerminusDB query).
 */
export type FieldPlan =
  | { readonly kind: 'id'; readonly key: string }
  | { readonly kind: 'value'; readonly key: string; readonly raw: string; readonly scalar: string | undefined; readonly enumName: string | undefined }
  | { readonly kind: 'object'; readonly key: string; readonly raw: string; readonly plan: ObjectPlan }
  | { readonly kind: 'union'; readonly key: string; readonly raw: string; readonly union: UnionPlan }
  | { readonly kind: 'connection'; readonly key: string; readonly raw: string; readonly conn: ConnectionPlan }
  | { readonly kind: 'null'; readonly key: string };

/** An object of a class type (document, subdocument, or an interface over several classes). */
export interface ObjectPlan {
  readonly typeName: string;
  /** Interface: the concrete type comes from `_type`. */
  readonly abstract: boolean;
  readonly fields: readonly FieldPlan[];
  /** Concrete type → fields read from `raw[cast.raw][0]` (type-specific fragments of an interface). */
  readonly casts: ReadonlyMap<string, { readonly raw: string; readonly fields: readonly FieldPlan[] }>;
}

/** A value of a tagged union: document branches are nested objects, wrapper branches come from `_json`. */
export interface UnionPlan {
  readonly typeName: string;
  readonly documents: readonly { readonly prop: string; readonly raw: string; readonly plan: ObjectPlan }[];
  readonly wrappers: readonly { readonly prop: string; readonly type: string; readonly unit: boolean }[];
}

/** A Relay connection over a TerminusDB list read with `limit: first + 1`. */
export interface ConnectionPlan {
  readonly connType: string;
  readonly edgeType: string;
  readonly node: ObjectPlan;
  readonly first: number;
  readonly offset: number;
  readonly hash: string;
  /** How `totalCount` is read: `raw_n` holds `_count` (root) or a list of ids (nested); undefined: not selected. */
  readonly count: 'number' | 'list' | undefined;
}
