import type { Json } from '../types.js';
import type { BaseKind } from './frames.js';

const view = new DataView(new ArrayBuffer(8));

/** An order-preserving fixed-width (16 hex digits) string for a float64; NaN sorts last. */
export function numberKey(n: number): string {
  if (Number.isNaN(n)) return 'zzzzzzzzzzzzzzzz';
  view.setFloat64(0, n === 0 ? 0 : n);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if ((hi & 0x80000000) !== 0) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

const DATE_TIME = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/** Parsed `xsd:dateTime`: UTC components and the fraction as 9 digits; undefined when invalid. */
export function parseDateTime(s: string): { main: string; nanos: string } | undefined {
  const m = DATE_TIME.exec(s);
  if (m === null) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', sec = '', frac = '', zone = 'Z'] = m;
  let main = `${y}-${mo}-${d}T${h}:${mi}:${sec}`;
  if (zone !== 'Z' && zone !== '+00:00' && zone !== '-00:00') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) - offset, Number(sec));
    if (Number.isNaN(t)) return undefined;
    main = new Date(t).toISOString().slice(0, 19);
  }
  if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 24 || Number(mi) > 59 || Number(sec) > 60) return undefined;
  return { main, nanos: frac.slice(0, 9).padEnd(9, '0') };
}

/** A datetime as TerminusDB prints it (chrono `%Y-%m-%dT%H:%M:%S%.fZ`: 0, 3, 6 or 9 fraction digits). */
export function formatDateTime(s: string): string {
  const p = parseDateTime(s);
  if (p === undefined) return s;
  const n = p.nanos;
  if (/^0+$/.test(n)) return `${p.main}Z`;
  const digits = n.endsWith('000000') ? 3 : n.endsWith('000') ? 6 : 9;
  return `${p.main}.${n.slice(0, digits)}Z`;
}

function jsonText(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The order-preserving index/comparison key of a value of the given kind. Stored values and
 * (already validated) filter values map to the same key space, so filters compare keys.
 */
export function valueKey(base: BaseKind, v: Json): string {
  switch (base) {
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'BigFloat':
      return numberKey(typeof v === 'number' ? v : Number(v));
    case 'Boolean':
      return v === true || v === 'true' ? '1' : '0';
    case 'DateTime': {
      const p = typeof v === 'string' ? parseDateTime(v) : undefined;
      return p === undefined ? jsonText(v) : `${p.main}.${p.nanos}`;
    }
    case 'String':
    case 'JSON':
      return jsonText(v);
    default: {
      const never: never = base;
      return never;
    }
  }
}

/** Text comparison of keys (UTF-16 code units, as index keys are compared). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SAFE = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/** Prefix of a number that must be written as a bare JSON number (see `serializeResult`). */
export const RAW_NUMBER_MARKER = '__TERMINUS_NUM__';

/** A BigInt/BigFloat output: a JS number when exact, else a marker string `serializeResult` unquotes. */
export function bigNumberOutput(v: Json): number | string | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !SAFE.test(v)) return null;
  const n = Number(v);
  return String(n) === v ? n : `${RAW_NUMBER_MARKER}${v}`;
}

/** A stored datatype value as the GraphQL field returns it. */
export function outputValue(base: BaseKind, datatype: string, v: Json): unknown {
  switch (base) {
    case 'Int':
      return typeof v === 'number' ? v : Number(v);
    case 'Float': {
      const n = typeof v === 'number' ? v : Number(v);
      return datatype === 'xsd:float' ? Math.fround(n) : n;
    }
    case 'BigInt':
    case 'BigFloat':
      return bigNumberOutput(v);
    case 'Boolean':
      return v === true || v === 'true';
    case 'DateTime':
      return typeof v === 'string' ? formatDateTime(v) : v;
    case 'JSON':
      return JSON.stringify(v);
    case 'String':
      // TerminusDB prints a number held by xsd:anySimpleType (a typed literal, not a string) as
      // JSON text: 3 → "\"3\"" (graphql.js). The kernel stores it as "3", so numeric text counts.
      if (datatype === 'xsd:anySimpleType' && (typeof v === 'number' || (typeof v === 'string' && SAFE.test(v)))) return JSON.stringify(String(v));
      // xsd:time is printed without its fraction (graphql.js: '23:34:43.0003Z' → '23:34:43Z').
      if (datatype === 'xsd:time' && typeof v === 'string') return v.replace(/^(\d\d:\d\d:\d\d)\.\d+/, '$1');
      if (typeof v === 'string') return v;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v['@value'] === 'string') return v['@value'];
      return JSON.stringify(v);
    default: {
      const never: never = base;
      return never;
    }
  }
}

/** The leaf values of a stored property value (Sets, Lists and Arrays flattened, holes dropped). */
export function leaves(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return [v];
  return v.flatMap((x) => leaves(x));
}
