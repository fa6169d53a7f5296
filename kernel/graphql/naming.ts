/**
 * GraphQL names as TerminusDB generates them (`src/rust/terminusdb-community/src/graphql/
 * sanitize.rs` and `naming.rs`).
 */

/** Letters TerminusDB transliterates before replacing the remaining bad characters. */
const DIACRITICS: ReadonlyArray<readonly [string, string]> = [
  ['Ä', 'AE'], ['Æ', 'AE'], ['Ǽ', 'AE'], ['Đ', 'D'], ['Ð', 'D'], ['Ƒ', 'F'], ['Ħ', 'H'], ['I', 'I'],
  ['Ł', 'L'], ['Ø', 'O'], ['Ǿ', 'O'], ['Ö', 'OE'], ['Œ', 'OE'], ['ß', 'SS'], ['Ŧ', 'T'], ['Ü', 'UE'],
  ['ä', 'ae'], ['æ', 'ae'], ['ǽ', 'ae'], ['đ', 'd'], ['ð', 'd'], ['ƒ', 'f'], ['ħ', 'h'], ['i', 'i'],
  ['ł', 'l'], ['ø', 'o'], ['ǿ', 'o'], ['ö', 'oe'], ['œ', 'oe'], ['ŧ', 't'], ['ü', 'ue'],
];
const DIACRITIC_MAP = new Map(DIACRITICS);
const DIACRITIC_RE = new RegExp(`[${DIACRITICS.map(([k]) => k).filter((k) => k !== 'I' && k !== 'i').join('')}]`, 'gu');

/**
 * TerminusDB's `graphql_sanitize`: transliterate a few letters, replace a bad first character and
 * every character outside `[_A-Za-z0-9]` by `_`, then collapse leading underscores into one.
 * `Document-TF-IDF` → `Document_TF_IDF`, `doc:Document` → `doc_Document`, `ÖBB` → `OEBB`.
 */
export function graphqlSanitize(name: string): string {
  const transliterated = name.replace(DIACRITIC_RE, (c) => DIACRITIC_MAP.get(c) ?? c);
  const chars = [...transliterated];
  const out = chars.map((c, i) => (i === 0 ? /^[_A-Za-z]$/.test(c) : /^[_A-Za-z0-9]$/.test(c)) ? c : '_').join('');
  return out.replace(/^_+/, '_');
}

/** `<Class>_Filter`. */
export const filterName = (type: string): string => `${type}_Filter`;
/** `<Class>_Collection_Filter` (also used for collections of enums). */
export const collectionFilterName = (type: string): string => `${type}_Collection_Filter`;
/** `<Enum>_Enum_Filter`. */
export const enumFilterName = (type: string): string => `${type}_Enum_Filter`;
/** `<Class>_Ordering`. */
export const orderingName = (type: string): string => `${type}_Ordering`;
/** Backlink field: `_<property>_of_<Class>`. */
export const inverseFieldName = (property: string, cls: string): string => `_${property}_of_${cls}`;
/** Path field: `_path_to_<Class>`. */
export const pathFieldName = (cls: string): string => `_path_to_${cls}`;

/** Type names TerminusDB reserves; a class sanitised to one of them makes the schema fail (500). */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set(['BigFloat', 'DateTime', 'BigInt', 'JSON']);
