import { ApiError, missingParameter } from '../errors.js';
import type { GraphType, Json, JsonObject } from '../types.js';

type Expected =
  | 'boolean (true, false)'
  | 'graph (schema, instance)'
  | 'non-negative integer'
  | 'non-empty string'
  | 'object'
  | 'list';

/** The raw value of a query parameter as TerminusDB reports it in BadParameterType (§1.4). */
function queryValueAsJson(value: string): Json {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === 'null') return null;
  return value;
}

export function badParameterType(name: string, expected: Expected, value: Json): ApiError {
  return new ApiError('api:failure', `Parameter ${name} has the wrong type: expected ${expected}`, {
    '@type': 'api:BadParameterType',
    'api:parameter': name,
    'api:expected_type': expected,
    'api:value': value,
  });
}

/**
 * Request parameters from the query string or the JSON body; the query string wins (§1.3).
 */
export class Params {
  constructor(
    private readonly query: URLSearchParams,
    readonly body: JsonObject | undefined,
  ) {}

  /** Whether the parameter is given in the query string or the body. */
  has(name: string): boolean {
    return this.query.has(name) || (this.body !== undefined && name in this.body);
  }

  private raw(name: string): { value: Json; fromQuery: boolean } | undefined {
    const q = this.query.get(name);
    if (q !== null) return { value: q, fromQuery: true };
    if (this.body !== undefined && name in this.body) return { value: this.body[name] ?? null, fromQuery: false };
    return undefined;
  }

  /** A non-empty string parameter, or undefined when absent; anything else is BadParameterType. */
  string(name: string): string | undefined {
    const r = this.raw(name);
    if (r === undefined) return undefined;
    if (typeof r.value === 'string' && r.value !== '') return r.value;
    throw badParameterType(name, 'non-empty string', r.value);
  }

  /** A required, non-empty string (MissingParameter when absent). */
  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw missingParameter(name);
    return v;
  }

  boolean(name: string, fallback: boolean): boolean {
    const r = this.raw(name);
    if (r === undefined) return fallback;
    if (r.fromQuery) {
      if (r.value === 'true') return true;
      if (r.value === 'false') return false;
      throw badParameterType(name, 'boolean (true, false)', queryValueAsJson(r.value as string));
    }
    if (typeof r.value === 'boolean') return r.value;
    throw badParameterType(name, 'boolean (true, false)', r.value);
  }

  nonNegativeInteger(name: string): number | undefined {
    const r = this.raw(name);
    if (r === undefined) return undefined;
    if (r.fromQuery) {
      const s = r.value as string;
      if (/^\d+$/.test(s)) return Number(s);
      throw badParameterType(name, 'non-negative integer', queryValueAsJson(s));
    }
    if (typeof r.value === 'number' && Number.isInteger(r.value) && r.value >= 0) return r.value;
    throw badParameterType(name, 'non-negative integer', r.value);
  }

  /** An integer that may be negative (`count=-1` on /api/log means all). */
  integer(name: string): number | undefined {
    const r = this.raw(name);
    if (r === undefined) return undefined;
    if (r.fromQuery) {
      const s = r.value as string;
      if (/^-?\d+$/.test(s)) return Number(s);
      throw badParameterType(name, 'non-negative integer', queryValueAsJson(s));
    }
    if (typeof r.value === 'number' && Number.isInteger(r.value)) return r.value;
    throw badParameterType(name, 'non-negative integer', r.value);
  }

  graphType(): GraphType {
    const r = this.raw('graph_type');
    if (r === undefined) return 'instance';
    if (r.value === 'instance' || r.value === 'schema') return r.value;
    throw badParameterType('graph_type', 'graph (schema, instance)', r.fromQuery ? queryValueAsJson(r.value as string) : r.value);
  }

  /** A JSON value: in the body as is, in the query string as JSON text. */
  json(name: string, expected: 'object' | 'list'): Json | undefined {
    const r = this.raw(name);
    if (r === undefined) return undefined;
    let v = r.value;
    if (r.fromQuery) {
      try {
        v = JSON.parse(r.value as string) as Json;
      } catch {
        throw badParameterType(name, expected, queryValueAsJson(r.value as string));
      }
    }
    if (expected === 'list' && !Array.isArray(v)) throw badParameterType(name, expected, r.value);
    if (expected === 'object' && (v === null || typeof v !== 'object' || Array.isArray(v))) {
      throw badParameterType(name, expected, r.value);
    }
    return v;
  }
}
