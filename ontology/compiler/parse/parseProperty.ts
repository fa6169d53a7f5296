import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Family, PropertyDef } from '../model/types.js';

const FAMILIES: ReadonlySet<string> = new Set(['Optional', 'Set', 'List', 'Array', 'Cardinality']);

const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['http://www.w3.org/2001/XMLSchema#', 'xsd:'],
  ['http://terminusdb.com/schema/xdd#', 'xdd:'],
  ['http://terminusdb.com/schema/sys#', 'sys:'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf:'],
  ['http://www.w3.org/2000/01/rdf-schema#', 'rdfs:'],
];

/** Contracts a range IRI: well-known datatype namespaces to their prefixes, the `@schema` IRI to nothing. */
export function contractRange(range: string, schemaIri: string): string {
  for (const [iri, prefix] of PREFIXES) if (range.startsWith(iri)) return prefix + range.slice(iri.length);
  return range.startsWith(schemaIri) ? range.slice(schemaIri.length) : range;
}

/** Where a property is, for diagnostics. */
export interface PropertySite {
  readonly file: string;
  readonly document: string;
  readonly schemaIri: string;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Parses one property range (`"xsd:string"`, `"Class"` or `{"@type": "Set", "@class": ...}`).
 * Returns undefined and reports a diagnostic when the range is malformed.
 */
export function parseProperty(
  name: string,
  value: unknown,
  site: PropertySite,
  report: (d: Diagnostic) => void,
): Omit<PropertyDef, 'comment' | 'label'> | undefined {
  const at = { file: site.file, document: site.document, property: name };
  if (typeof value === 'string') {
    if (value === '') return void report(diagnostic('BAD_RANGE', 'range is an empty string', at));
    return { name, family: 'Required', range: contractRange(value, site.schemaIri) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return void report(diagnostic('BAD_RANGE', `range must be a string or an object, got ${JSON.stringify(value)}`, at));
  }
  const obj = value as Record<string, unknown>;
  const type = obj['@type'];
  if (typeof type !== 'string' || !FAMILIES.has(type)) {
    const got = JSON.stringify(type);
    return void report(diagnostic('BAD_RANGE', `@type must be one of ${[...FAMILIES].join(', ')}, got ${got}`, at));
  }
  const cls = obj['@class'];
  if (typeof cls !== 'string' || cls === '') {
    return void report(diagnostic('BAD_RANGE', `${type} range needs a non-empty "@class"`, at));
  }
  const cardinality = optionalNumber(obj['@cardinality']);
  const min = cardinality ?? optionalNumber(obj['@min_cardinality']);
  const max = cardinality ?? optionalNumber(obj['@max_cardinality']);
  const dimensions = optionalNumber(obj['@dimensions']);
  return {
    name,
    family: type as Family,
    range: contractRange(cls, site.schemaIri),
    ...(min !== undefined ? { minCardinality: min } : {}),
    ...(max !== undefined ? { maxCardinality: max } : {}),
    ...(dimensions !== undefined ? { dimensions } : {}),
  };
}
