import type { ClassDef, EnumDef } from '../model/types.js';

/**
 * Sanitises a TerminusDB name into a GraphQL name the way TerminusDB's own GraphQL does: diacritics are
 * transliterated, every character outside `[_A-Za-z0-9]` becomes `_`, and a leading digit gets a `_` prefix.
 */
export function sanitizeName(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const replaced = ascii.replace(/[^_A-Za-z0-9]/g, '_');
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

/** `PipelineRun` → `pipelineRun`. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `afterUpstream` → `AfterUpstream`. */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** English plural of a camel-case name (`person` → `persons`, `policy` → `policies`, `bus` → `buses`). */
export function pluralize(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/** GraphQL enum value for a TerminusDB enum value: sanitised CONSTANT_CASE (`government_id` → `GOVERNMENT_ID`). */
export function enumValueName(value: string): string {
  return sanitizeName(value)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
}

/** GraphQL type name of a class, tagged union or enum. */
export function typeName(def: Pick<ClassDef | EnumDef, 'id'>): string {
  return sanitizeName(def.id);
}

/** Root field names of a document class: one by id and a list connection. */
export function rootFieldNames(cls: ClassDef): { one: string; many: string } {
  const one = lowerFirst(typeName(cls));
  return { one, many: cls.metadata.plural !== undefined ? sanitizeName(cls.metadata.plural) : pluralize(one) };
}

/** Mutation field names of a concrete document class. */
export function mutationFieldNames(cls: ClassDef): { create: string; update: string; replace: string; delete: string } {
  const t = typeName(cls);
  return { create: `create${t}`, update: `update${t}`, replace: `replace${t}`, delete: `delete${t}` };
}

/** Name of the generated type that wraps a tagged-union branch whose range is not a class of its own. */
export function unionBranchTypeName(union: ClassDef, branch: string): string {
  return `${typeName(union)}${upperFirst(sanitizeName(branch))}`;
}

/** Suffixes of the types generated for a class (`Dataset` → `DatasetFilter`, ...). */
export const GENERATED_SUFFIXES = [
  'Filter', 'CollectionFilter', 'Ordering', 'Connection', 'Edge', 'Input', 'Patch', 'UpdateInput', 'ReplaceInput',
  'Change', 'Payload',
] as const;

/** Static types every generated schema contains; no class may take these names. */
export const STATIC_TYPE_NAMES: ReadonlySet<string> = new Set([
  'Query', 'Mutation', 'Subscription', 'String', 'Int', 'Float', 'Boolean', 'ID', 'BigInt', 'BigFloat',
  'DateTime', 'JSON', 'PageInfo', 'RefInput', 'SortOrder', 'Branch', 'BranchPayload', 'DeleteBranchPayload',
  'PromoteBranchPayload', 'PromoteStatus', 'DocumentConflict', 'ConflictKind', 'CommitPayload', 'DeletePayload',
  'ChangeInput', 'IdFilter', 'StringFilter', 'IntFilter', 'FloatFilter', 'BigIntFilter', 'BigFloatFilter',
  'DateTimeFilter', 'BooleanFilter', 'JSONDocument', 'StringCollectionFilter', 'IntCollectionFilter',
  'FloatCollectionFilter', 'BigIntCollectionFilter', 'BigFloatCollectionFilter', 'DateTimeCollectionFilter',
  'BooleanCollectionFilter', 'IdCollectionFilter',
]);

/** Query fields every generated schema contains. */
export const STATIC_QUERY_FIELDS: readonly string[] = ['branches'];

/** Mutation fields every generated schema contains. */
export const STATIC_MUTATION_FIELDS: readonly string[] = ['commit', 'createBranch', 'deleteBranch', 'promoteBranch'];
