import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { EnumDef } from '../model/types.js';
import { parseDocumentation } from './parseDocumentation.js';

/** Parses an `Enum` schema document whose `@id` has been checked (§6.4). */
export function parseEnum(doc: Record<string, unknown>, id: string, file: string, report: (d: Diagnostic) => void): EnumDef {
  const raw = doc['@value'];
  let values: string[] = [];
  if (Array.isArray(raw) && raw.length > 0 && raw.every((v): v is string => typeof v === 'string' && v !== '')) {
    values = raw;
  } else {
    report(diagnostic('INVALID_ENUM_VALUES', '@value must be a non-empty list of non-empty strings', { file, document: id, property: '@value' }));
  }
  const docs = parseDocumentation(doc['@documentation']);
  const valueComments: Record<string, string> = {};
  for (const [value, entry] of Object.entries(docs.entries)) if (entry.comment !== undefined) valueComments[value] = entry.comment;
  return {
    kind: 'Enum',
    id,
    file,
    values,
    valueComments,
    ...(docs.comment !== undefined ? { comment: docs.comment } : {}),
  };
}
