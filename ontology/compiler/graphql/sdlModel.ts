/** An argument of a field. */
export interface ArgDef {
  readonly name: string;
  /** Type reference as printed, e.g. `[DatasetOrdering!]`. */
  readonly type: string;
  readonly description?: string;
  /** Default value as printed, e.g. `"main"`. */
  readonly defaultValue?: string;
}

/** A field of an object type or interface, or an input field (no arguments). */
export interface FieldDef {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly args?: readonly ArgDef[];
  /** Applied directives as printed, e.g. `@requiresScopes(scopes: [["pii:read"]])`. */
  readonly directives?: readonly string[];
}

interface TypeDefBase {
  readonly name: string;
  readonly description?: string;
  readonly directives?: readonly string[];
}

/** A named type of the generated SDL, printed by `printSdl`. */
export type TypeDef =
  | (TypeDefBase & { readonly kind: 'scalar' })
  | (TypeDefBase & { readonly kind: 'object' | 'interface'; readonly interfaces?: readonly string[]; readonly fields: readonly FieldDef[] })
  | (TypeDefBase & { readonly kind: 'input'; readonly fields: readonly FieldDef[] })
  | (TypeDefBase & { readonly kind: 'enum'; readonly values: readonly { readonly name: string; readonly description?: string }[] })
  | (TypeDefBase & { readonly kind: 'union'; readonly members: readonly string[] });

/** Optional `description` without writing `undefined` (exactOptionalPropertyTypes). */
export function withDescription(description: string | undefined): { description?: string } {
  return description === undefined || description === '' ? {} : { description };
}
