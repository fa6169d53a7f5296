import type { BaseKind, FrameClass, FrameField } from '../frames.js';

/** A comparison on one datatype value; `key` is in `valueKey` space. */
export type ValueOp =
  | { readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; readonly key: string }
  | { readonly op: 'regex'; readonly re: RegExp }
  | { readonly op: 'startsWith'; readonly prefix: string }
  | { readonly op: 'allOfTerms' | 'anyOfTerms'; readonly terms: readonly string[] };

/** What one value of a field must satisfy. */
export type ValueTest =
  | { readonly t: 'value'; readonly base: BaseKind; readonly ops: readonly ValueOp[] }
  | { readonly t: 'enum'; readonly eq?: string | undefined; readonly ne?: string | undefined }
  | { readonly t: 'node'; readonly cls: FrameClass; readonly cond: Cond }
  | { readonly t: 'id'; readonly ids: ReadonlySet<string> };

/** A compiled `<Class>_Filter`. */
export type Cond =
  | { readonly t: 'and'; readonly items: readonly Cond[] }
  | { readonly t: 'or'; readonly items: readonly Cond[] }
  | { readonly t: 'not'; readonly item: Cond }
  | { readonly t: 'ids'; readonly ids: ReadonlySet<string> }
  | { readonly t: 'field'; readonly field: FrameField; readonly quant: 'one' | 'some' | 'all'; readonly test: ValueTest };

/** The filter that accepts everything. */
export const TRUE: Cond = { t: 'and', items: [] };
