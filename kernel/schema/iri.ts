import { ApiError, badRequest } from '../errors.js';
import type { JsonObject } from '../types.js';

/** Default instance base of a new database. */
export const DEFAULT_BASE = 'terminusdb:///data/';
/** Default schema base of a new database. */
export const DEFAULT_SCHEMA = 'terminusdb:///schema#';

/** Prefixes every database knows without declaring them (TerminusDB's global prefixes). */
export const BUILTIN_PREFIXES: Readonly<Record<string, string>> = {
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  xdd: 'http://terminusdb.com/schema/xdd#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  sys: 'http://terminusdb.com/schema/sys#',
};

const PREFIX_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const IRI_VALUE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/.+/;
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Thrown for `pfx:local` with an undeclared prefix: 400 `api:UnknownPrefixError`. */
export class UnknownPrefixError extends ApiError {
  constructor(readonly key: string) {
    super('api:failure', `The key '${key}' is utilising an unknown prefix.`, {
      '@type': 'api:UnknownPrefixError',
      'api:key': key,
    });
    this.name = 'UnknownPrefixError';
  }
}

/** The parsed prefixes of a `@context` document. */
export interface Context {
  readonly base: string;
  readonly schema: string;
  /** Declared prefixes (without `@base`/`@schema`). */
  readonly prefixes: ReadonlyMap<string, string>;
}

function invalidPrefix(name: string, value: unknown): ApiError {
  return badRequest('api:InvalidPrefix', `Invalid prefix: ${name}`, {
    'api:prefix_name': name,
    'api:prefix_value': typeof value === 'string' ? value : JSON.stringify(value),
  });
}

/**
 * The `@context` document of a new database: defaults merged with `prefixes` (§3.4, §6.1).
 * Throws 400 `api:InvalidPrefix` for a bad prefix name or a value that is not an IRI.
 */
export function initialContext(prefixes: JsonObject = {}): JsonObject {
  const out: JsonObject = { '@type': '@context', '@base': DEFAULT_BASE, '@schema': DEFAULT_SCHEMA };
  for (const [name, value] of Object.entries(prefixes)) {
    if (name === '@type') continue;
    if (name === '@base' || name === '@schema') {
      if (typeof value !== 'string' || !IRI_VALUE.test(value)) throw invalidPrefix(name, value);
      out[name] = value;
      continue;
    }
    if (!PREFIX_NAME.test(name)) throw invalidPrefix(name, value);
    if (typeof value !== 'string' || !IRI_VALUE.test(value)) throw invalidPrefix(name, value);
    out[name] = value;
  }
  return out;
}

/** True when `name` is a valid prefix name. */
export function isPrefixName(name: string): boolean {
  return PREFIX_NAME.test(name);
}

/** True when `value` is acceptable as a prefix IRI. */
export function isPrefixValue(value: string): boolean {
  return IRI_VALUE.test(value);
}

const contextCache = new WeakMap<JsonObject, Context>();

/** Parses a stored `@context` document (cached per object). */
export function parseContext(doc: JsonObject): Context {
  const hit = contextCache.get(doc);
  if (hit) return hit;
  const prefixes = new Map<string, string>();
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('@') || typeof v !== 'string') continue;
    prefixes.set(k, v);
  }
  const base = typeof doc['@base'] === 'string' ? doc['@base'] : DEFAULT_BASE;
  const schema = typeof doc['@schema'] === 'string' ? doc['@schema'] : DEFAULT_SCHEMA;
  const ctx: Context = { base, schema, prefixes };
  contextCache.set(doc, ctx);
  return ctx;
}

/** True for an absolute IRI (`scheme://...`). */
export function hasScheme(s: string): boolean {
  return HAS_SCHEME.test(s);
}

function prefixOf(s: string): string | undefined {
  const i = s.indexOf(':');
  if (i <= 0) return undefined;
  const p = s.slice(0, i);
  return p.includes('/') || p.includes('#') || p.includes('?') ? undefined : p;
}

function lookupPrefix(ctx: Context, p: string): string | undefined {
  return ctx.prefixes.get(p) ?? BUILTIN_PREFIXES[p];
}

function expandWith(ctx: Context, s: string, base: string): string {
  if (hasScheme(s)) return s;
  const p = prefixOf(s);
  if (p !== undefined) {
    const iri = lookupPrefix(ctx, p);
    if (iri === undefined) throw new UnknownPrefixError(s);
    return iri + s.slice(p.length + 1);
  }
  return base + s;
}

function contractWith(ctx: Context, iri: string, base: string): string {
  if (iri.startsWith(base) && iri.length > base.length) return iri.slice(base.length);
  let best: [string, string] | undefined;
  for (const [p, v] of ctx.prefixes) {
    if (iri.startsWith(v) && iri.length > v.length && (!best || v.length > best[1].length)) best = [p, v];
  }
  for (const [p, v] of Object.entries(BUILTIN_PREFIXES)) {
    if (iri.startsWith(v) && iri.length > v.length && (!best || v.length > best[1].length)) best = [p, v];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}

/** Instance id (relative, prefixed or absolute) → full IRI. */
export function expandId(ctx: Context, id: string): string {
  return expandWith(ctx, id, ctx.base);
}

/** Full instance IRI → contracted storage id. */
export function contractId(ctx: Context, iri: string): string {
  return contractWith(ctx, iri, ctx.base);
}

/** Class or property name → full IRI (against `@schema`). */
export function expandSchema(ctx: Context, name: string): string {
  return expandWith(ctx, name, ctx.schema);
}

/** Full class/property IRI → contracted name. */
export function contractSchema(ctx: Context, iri: string): string {
  return contractWith(ctx, iri, ctx.schema);
}

/** Input id → contracted storage id (throws UnknownPrefixError). */
export function normalizeId(ctx: Context, id: string): string {
  return contractId(ctx, expandId(ctx, id));
}

/** Input class/property name → contracted name (throws UnknownPrefixError). */
export function normalizeSchemaName(ctx: Context, name: string): string {
  return contractSchema(ctx, expandSchema(ctx, name));
}
