/**
 * Encodes one Lexical key value like TerminusDB (§5.4): percent-encoding of a URI path segment, with
 * `$&,;=@` left literal and `+` escaped as `%2B`.
 */
export function encodeKeyValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%(24|26|2C|3B|3D|40)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\+/g, '%2B');
}

/** The id TerminusDB computes for a Lexical key: `<Class>/<v1>+<v2>...` (contracted against `@base`). */
export function lexicalId(cls: string, values: readonly string[]): string {
  return `${cls}/${values.map(encodeKeyValue).join('+')}`;
}

/** A slug: lower-case ASCII letters, digits and single dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
