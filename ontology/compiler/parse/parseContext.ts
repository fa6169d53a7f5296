import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ContextDef } from '../model/types.js';

const DEFAULT_BASE = 'terminusdb:///data/';
const DEFAULT_SCHEMA = 'terminusdb:///schema#';

/** The context TerminusDB creates with a database, used when the sources hold none. */
export function defaultContext(file = '<default>'): ContextDef {
  return { base: DEFAULT_BASE, schema: DEFAULT_SCHEMA, prefixes: {}, file };
}

/** Parses the `@context` document (§6.1). */
export function parseContext(doc: Record<string, unknown>, file: string, report: (d: Diagnostic) => void): ContextDef {
  const at = { file, document: '@context' };
  const prefixes: Record<string, string> = {};
  for (const [name, value] of Object.entries(doc)) {
    if (name.startsWith('@')) continue;
    if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name) || typeof value !== 'string' || !value.includes(':')) {
      report(diagnostic('BAD_CONTEXT', `prefix must be a name mapped to an IRI, got ${JSON.stringify(value)}`, { ...at, property: name }));
      continue;
    }
    prefixes[name] = value;
  }
  const iri = (key: '@base' | '@schema', fallback: string): string => {
    const value = doc[key];
    if (value === undefined) return fallback;
    if (typeof value === 'string' && value.includes(':')) return value;
    report(diagnostic('BAD_CONTEXT', `${key} must be an IRI`, { ...at, property: key }));
    return fallback;
  };
  const documentation = doc['@documentation'];
  const docs = typeof documentation === 'object' && documentation !== null ? (documentation as Record<string, unknown>) : {};
  return {
    base: iri('@base', DEFAULT_BASE),
    schema: iri('@schema', DEFAULT_SCHEMA),
    prefixes,
    file,
    ...(typeof docs['@title'] === 'string' ? { title: docs['@title'] } : {}),
    ...(typeof docs['@description'] === 'string' ? { description: docs['@description'] } : {}),
  };
}
