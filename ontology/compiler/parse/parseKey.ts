import { diagnostic, type Diagnostic, type DiagnosticLocation } from '../diagnostics.js';
import type { KeyDef } from '../model/types.js';

/** Parses a `@key` value, reporting the same failures TerminusDB rejects (§5.4 "Key schema errors"). */
export function parseKey(value: unknown, at: DiagnosticLocation, report: (d: Diagnostic) => void): KeyDef | undefined {
  const here = { ...at, property: '@key' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return void report(diagnostic('BAD_KEY', '@key must be an object like {"@type": "Lexical", "@fields": [..]}', here));
  }
  const key = value as Record<string, unknown>;
  const type = key['@type'];
  if (type === 'Random' || type === 'ValueHash') return { type };
  if (type !== 'Lexical' && type !== 'Hash') {
    return void report(diagnostic('BAD_KEY', `@key @type must be Lexical, Hash, ValueHash or Random, got ${JSON.stringify(type)}`, here));
  }
  const fields = key['@fields'];
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f): f is string => typeof f === 'string')) {
    return void report(diagnostic('BAD_KEY', `${type} @key needs a non-empty "@fields" list of property names`, here));
  }
  return { type, fields };
}
