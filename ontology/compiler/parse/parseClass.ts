import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ClassDef, PropertyDef } from '../model/types.js';
import { parseDocumentation } from './parseDocumentation.js';
import { parseKey } from './parseKey.js';
import { parseMetadata } from './parseMetadata.js';
import { parseProperty } from './parseProperty.js';

const CLASS_KEYWORDS: ReadonlySet<string> = new Set([
  '@type', '@id', '@key', '@base', '@inherits', '@abstract', '@subdocument', '@unfoldable', '@shared',
  '@documentation', '@metadata', '@oneOf',
]);

function flag(doc: Record<string, unknown>, name: string, id: string, file: string, report: (d: Diagnostic) => void): boolean {
  const value = doc[name];
  if (value === undefined) return false;
  if (Array.isArray(value) && value.length === 0) return true;
  report(diagnostic('BAD_FLAG', `${name} must be [] when present`, { file, document: id, property: name }));
  return false;
}

function parseInherits(value: unknown, id: string, file: string, report: (d: Diagnostic) => void): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  report(diagnostic('BAD_INHERITS', '@inherits must be a class name or a list of class names', { file, document: id, property: '@inherits' }));
  return [];
}

/** Parses a `Class` or `TaggedUnion` schema document whose `@id` has been checked. */
export function parseClass(
  doc: Record<string, unknown>,
  kind: 'Class' | 'TaggedUnion',
  id: string,
  file: string,
  schemaIri: string,
  report: (d: Diagnostic) => void,
): ClassDef {
  const at = { file, document: id };
  const docs = parseDocumentation(doc['@documentation']);
  const site = { file, document: id, schemaIri };
  const properties: PropertyDef[] = [];
  const add = (name: string, value: unknown, oneOfGroup?: number): void => {
    if (name === '@id' || name === '@type') {
      return report(diagnostic('RESERVED_KEYWORD', `"${name}" cannot be a property name`, { ...at, property: name }));
    }
    const parsed = parseProperty(name, value, site, report);
    if (parsed === undefined) return;
    const entry = docs.entries[name];
    properties.push({
      ...parsed,
      ...(oneOfGroup !== undefined ? { oneOfGroup } : {}),
      ...(entry?.comment !== undefined ? { comment: entry.comment } : {}),
      ...(entry?.label !== undefined ? { label: entry.label } : {}),
    });
  };
  for (const [name, value] of Object.entries(doc)) {
    if (name.startsWith('@')) {
      if (!CLASS_KEYWORDS.has(name)) {
        report(diagnostic('AT_PREFIXED_PROPERTY', `@-prefixed properties such as "${name}" are not supported`, { ...at, property: name }));
      }
      continue;
    }
    add(name, value);
  }
  const oneOf = doc['@oneOf'];
  if (oneOf !== undefined) {
    const groups = Array.isArray(oneOf) ? oneOf : [oneOf];
    groups.forEach((group: unknown, index) => {
      if (typeof group !== 'object' || group === null || Array.isArray(group)) {
        return report(diagnostic('BAD_ONE_OF', '@oneOf must be an object of properties or a list of them', { ...at, property: '@oneOf' }));
      }
      for (const [name, value] of Object.entries(group as Record<string, unknown>)) add(name, value, index);
    });
  }
  const key = doc['@key'] === undefined ? undefined : parseKey(doc['@key'], at, report);
  const base = doc['@base'];
  if (base !== undefined && typeof base !== 'string') {
    report(diagnostic('BAD_BASE', '@base must be a string', { ...at, property: '@base' }));
  }
  return {
    kind,
    id,
    file,
    ...(docs.comment !== undefined ? { comment: docs.comment } : {}),
    ...(key !== undefined ? { key } : {}),
    ...(typeof base === 'string' ? { base } : {}),
    inherits: parseInherits(doc['@inherits'], id, file, report),
    abstract: flag(doc, '@abstract', id, file, report),
    subdocument: flag(doc, '@subdocument', id, file, report),
    unfoldable: flag(doc, '@unfoldable', id, file, report),
    shared: flag(doc, '@shared', id, file, report),
    properties,
    metadata: parseMetadata(doc['@metadata'], at, report),
  };
}
