import { diagnostic, type Diagnostic, type DiagnosticLocation } from '../diagnostics.js';
import type { ClassMetadata, PropertyMetadata } from '../model/types.js';

type Report = (d: Diagnostic) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, what: string, at: DiagnosticLocation, report: Report): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string' && v !== '')) return value;
  report(diagnostic('BAD_METADATA', `@metadata ${what} must be a list of non-empty strings`, at));
  return [];
}

function flag(value: unknown, what: string, at: DiagnosticLocation, report: Report): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true;
  report(diagnostic('BAD_METADATA', `@metadata ${what} must be a boolean`, at));
  return false;
}

function parsePropertyMetadata(value: unknown, at: DiagnosticLocation, report: Report): Record<string, PropertyMetadata> {
  const out: Record<string, PropertyMetadata> = {};
  if (value === undefined) return out;
  if (!isRecord(value)) {
    report(diagnostic('BAD_METADATA', '@metadata properties must be an object keyed by property', at));
    return out;
  }
  for (const [name, entry] of Object.entries(value)) {
    const here = { ...at, property: name };
    if (!isRecord(entry)) {
      report(diagnostic('BAD_METADATA', '@metadata entry must be an object like {"pii": true, "scopes": [..]}', here));
      continue;
    }
    out[name] = { pii: flag(entry['pii'], 'pii', here, report), scopes: stringList(entry['scopes'], 'scopes', here, report) };
  }
  return out;
}

function parseGraphql(value: unknown, at: DiagnosticLocation, report: Report): Pick<ClassMetadata, 'backlinks'> & { plural?: string } {
  if (value === undefined) return { backlinks: {} };
  if (!isRecord(value)) {
    report(diagnostic('BAD_METADATA', '@metadata graphql must be an object', at));
    return { backlinks: {} };
  }
  const backlinks: Record<string, string> = {};
  const raw = value['backlinks'];
  if (isRecord(raw)) {
    for (const [path, name] of Object.entries(raw)) {
      if (typeof name === 'string' && name !== '') backlinks[path] = name;
      else report(diagnostic('BAD_METADATA', '@metadata graphql.backlinks values must be field names', { ...at, property: path }));
    }
  } else if (raw !== undefined) {
    report(diagnostic('BAD_METADATA', '@metadata graphql.backlinks must be an object', at));
  }
  const plural = value['plural'];
  if (plural !== undefined && (typeof plural !== 'string' || plural === '')) {
    report(diagnostic('BAD_METADATA', '@metadata graphql.plural must be a non-empty string', at));
  }
  return typeof plural === 'string' && plural !== '' ? { backlinks, plural } : { backlinks };
}

/**
 * Reads the compiler's conventions out of a class `@metadata` (any other keys are kept in `raw`):
 * `authenticated`, `scopes`, `embed`, `properties.<p>.{pii, scopes}`, `graphql.{plural, backlinks}`.
 */
export function parseMetadata(value: unknown, at: DiagnosticLocation, report: Report): ClassMetadata {
  if (value !== undefined && !isRecord(value)) report(diagnostic('BAD_METADATA', '@metadata must be an object', at));
  const raw = isRecord(value) ? value : {};
  return {
    authenticated: flag(raw['authenticated'], 'authenticated', at, report),
    scopes: stringList(raw['scopes'], 'scopes', at, report),
    embed: stringList(raw['embed'], 'embed', at, report),
    properties: parsePropertyMetadata(raw['properties'], at, report),
    ...parseGraphql(raw['graphql'], at, report),
    raw,
  };
}
