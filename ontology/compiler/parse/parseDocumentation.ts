/** What the compiler reads from a `@documentation` value. */
export interface Documentation {
  readonly comment?: string;
  /** Per property (`@properties`) or per enum value (`@values`): a comment and maybe a label. */
  readonly entries: Readonly<Record<string, { readonly comment?: string; readonly label?: string }>>;
}

function pickLanguage(doc: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(doc)) {
    const objects = doc.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null);
    return objects.find((d) => d['@language'] === 'en') ?? objects[0];
  }
  return typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : undefined;
}

/**
 * Reads a `@documentation` value: an object or a list of per-language objects (English preferred).
 * `@properties` (classes) and `@values` (enums) entries may be strings or `{@label, @comment}`.
 */
export function parseDocumentation(doc: unknown): Documentation {
  const picked = pickLanguage(doc);
  if (picked === undefined) return { entries: {} };
  const entries: Record<string, { comment?: string; label?: string }> = {};
  for (const key of ['@properties', '@values']) {
    const map = picked[key];
    if (typeof map !== 'object' || map === null) continue;
    for (const [name, entry] of Object.entries(map as Record<string, unknown>)) {
      if (typeof entry === 'string') entries[name] = { comment: entry };
      else if (typeof entry === 'object' && entry !== null) {
        const e = entry as Record<string, unknown>;
        entries[name] = {
          ...(typeof e['@comment'] === 'string' ? { comment: e['@comment'] } : {}),
          ...(typeof e['@label'] === 'string' ? { label: e['@label'] } : {}),
        };
      }
    }
  }
  const comment = picked['@comment'];
  return typeof comment === 'string' ? { comment, entries } : { entries };
}
