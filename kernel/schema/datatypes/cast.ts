import type { Json } from '../../types.js';

/** A value that cannot be cast to a datatype; the caller turns it into `api:BadCast`. */
export class CastError extends Error {
  constructor(
    readonly value: Json,
    readonly datatype: string,
    readonly reason: 'bad' | 'boolean' = 'bad',
  ) {
    super(`cannot cast ${JSON.stringify(value)} to ${datatype}`);
    this.name = 'CastError';
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const FLOAT = /^[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)$/;
const INTEGER = /^[+-]?\d+$/;
const TZ = '(Z|[+-]\\d{2}:\\d{2})?';
const LEXICAL: Readonly<Record<string, RegExp>> = {
  'xsd:date': new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}${TZ}$`),
  'xsd:time': new RegExp(`^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?${TZ}$`),
  'xsd:gYear': new RegExp(`^-?\\d{4,}${TZ}$`),
  'xsd:gMonth': new RegExp(`^--\\d{2}${TZ}$`),
  'xsd:gDay': new RegExp(`^---\\d{2}${TZ}$`),
  'xsd:gYearMonth': new RegExp(`^-?\\d{4,}-\\d{2}${TZ}$`),
  'xsd:gMonthDay': new RegExp(`^--\\d{2}-\\d{2}${TZ}$`),
  'xsd:duration': /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
  'xsd:yearMonthDuration': /^-?P(?=\d)(\d+Y)?(\d+M)?$/,
  'xsd:dayTimeDuration': /^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
  'xsd:hexBinary': /^([0-9A-Fa-f]{2})*$/,
  'xsd:base64Binary': /^[A-Za-z0-9+/=\s]*$/,
  'xsd:language': /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/,
  'xsd:NMTOKEN': /^[\w.:-]+$/u,
  'xsd:Name': /^[A-Za-z_:][\w.:-]*$/u,
  'xsd:NCName': /^[A-Za-z_][\w.-]*$/u,
  'xdd:email': /^[^@\s]+@[^@\s]+$/,
  'xdd:gYearRange': /^(\[-?\d{4,},-?\d{4,}\]|-?\d{4,})$/,
  'xdd:integerRange': /^(\[[+-]?\d+,[+-]?\d+\]|[+-]?\d+)$/,
  'xdd:decimalRange': /^(\[[+-]?(\d+(\.\d*)?|\.\d+),[+-]?(\d+(\.\d*)?|\.\d+)\]|[+-]?(\d+(\.\d*)?|\.\d+))$/,
  'xdd:dateRange': /^(\[-?\d{4,}-\d{2}-\d{2},-?\d{4,}-\d{2}-\d{2}\]|-?\d{4,}-\d{2}-\d{2})$/,
};

const INT_BOUNDS: Readonly<Record<string, readonly [bigint | null, bigint | null]>> = {
  'xsd:integer': [null, null],
  'xsd:byte': [-128n, 127n],
  'xsd:short': [-32768n, 32767n],
  'xsd:int': [-2147483648n, 2147483647n],
  'xsd:long': [-9223372036854775808n, 9223372036854775807n],
  'xsd:unsignedByte': [0n, 255n],
  'xsd:unsignedShort': [0n, 65535n],
  'xsd:unsignedInt': [0n, 4294967295n],
  'xsd:unsignedLong': [0n, 18446744073709551615n],
  'xsd:positiveInteger': [1n, null],
  'xsd:nonNegativeInteger': [0n, null],
  'xsd:negativeInteger': [null, -1n],
  'xsd:nonPositiveInteger': [null, 0n],
};

const STRINGY = new Set([
  'xsd:string', 'xsd:normalizedString', 'xsd:token', 'xsd:anyURI', 'xdd:url', 'xdd:html', 'xdd:json',
  'xsd:NOTATION', 'xsd:QName', 'xsd:ID', 'xsd:IDREF', 'xsd:ENTITY', 'xsd:anySimpleType',
  'xdd:coordinate', 'xdd:coordinatePolygon', 'xdd:coordinatePolyline', 'xdd:dateTimeInterval',
  'rdf:PlainLiteral', 'rdf:XMLLiteral',
]);

/** Canonical number for a decimal lexical form (`"2.00"` → 2). Precision beyond doubles is lost. */
function decimal(v: Json, dt: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && DECIMAL.test(v.trim())) return Number(v.trim());
  throw new CastError(v, dt);
}

function integer(v: Json, dt: string): number {
  let big: bigint;
  if (typeof v === 'number' && Number.isInteger(v)) big = BigInt(v);
  else if (typeof v === 'string' && INTEGER.test(v.trim())) big = BigInt(v.trim());
  else throw new CastError(v, dt);
  const [lo, hi] = INT_BOUNDS[dt] ?? [null, null];
  if ((lo !== null && big < lo) || (hi !== null && big > hi)) throw new CastError(v, dt);
  return Number(big);
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Whether year-month-day names a real calendar day. */
function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

/** Range checks the lexical patterns cannot express (month 1–12, real days, hours ≤ 24). */
function validCalendarParts(datatype: string, text: string): boolean {
  switch (datatype) {
    case 'xsd:date': {
      const m = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(text);
      return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    case 'xsd:gYearMonth': {
      const m = /^-?\d{4,}-(\d{2})/.exec(text);
      return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 12;
    }
    case 'xsd:gMonth': {
      const mo = Number(text.slice(2, 4));
      return mo >= 1 && mo <= 12;
    }
    case 'xsd:gDay': {
      const d = Number(text.slice(3, 5));
      return d >= 1 && d <= 31;
    }
    case 'xsd:gMonthDay':
      return validDay(2000, Number(text.slice(2, 4)), Number(text.slice(5, 7)));
    case 'xsd:time': {
      const [h, mi, sec] = text.split(':').map((x) => Number.parseFloat(x));
      return (h ?? 99) <= 24 && (mi ?? 99) <= 59 && (sec ?? 99) < 61;
    }
    default:
      return true;
  }
}

/** `xsd:dateTime` canonical form: UTC, `YYYY-MM-DDTHH:MM:SS[.f]Z`. */
function dateTime(v: Json, dt: string): string {
  if (typeof v !== 'string') throw new CastError(v, dt);
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(v.trim());
  if (!m) throw new CastError(v, dt);
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  if (dt === 'xsd:dateTimeStamp' && !tz) throw new CastError(v, dt);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms) || !validDay(Number(y), Number(mo), Number(d)) || Number(h) > 24 || Number(mi) > 59 || Number(s) > 60) {
    throw new CastError(v, dt);
  }
  let offset = 0;
  if (tz && tz !== 'Z') offset = (tz.startsWith('-') ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
  const date = new Date(ms - offset * 60_000);
  const iso = date.toISOString().slice(0, 19);
  const year = date.getUTCFullYear();
  const yearStr = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  const fraction = frac ? frac.replace(/0+$/, '') : '';
  return `${yearStr}${iso.slice(iso.indexOf('-', 1))}${fraction === '.' ? '' : fraction}Z`;
}

/**
 * Casts a submitted JSON value to `datatype` (contracted, e.g. `xsd:decimal`) and returns the
 * canonical stored value (§5.3). Throws CastError.
 */
export function castValue(value: Json, datatype: string): Json {
  if (datatype === 'sys:JSON') return value;
  if (datatype === 'rdf:langString') {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const lang = value['@lang'] ?? value['@language'];
      const text = value['@value'];
      if (typeof lang === 'string' && typeof text === 'string') return { '@lang': lang, '@value': text };
    }
    throw new CastError(value, datatype);
  }
  if (value === null || typeof value === 'object') throw new CastError(value, datatype);
  if (datatype === 'xsd:boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === '1' || value === 1) return true;
    if (value === 'false' || value === '0' || value === 0) return false;
    throw new CastError(value, datatype);
  }
  if (datatype === 'xsd:decimal') return decimal(value, datatype);
  if (datatype === 'xsd:float' || datatype === 'xsd:double') {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && FLOAT.test(value.trim())) return Number(value.trim());
    throw new CastError(value, datatype);
  }
  if (datatype in INT_BOUNDS) return integer(value, datatype);
  if (datatype === 'rdfs:Literal') return value;
  if (typeof value === 'boolean') throw new CastError(value, datatype, 'boolean');
  const text = typeof value === 'number' ? String(value) : value;
  if (datatype === 'xsd:dateTime' || datatype === 'xsd:dateTimeStamp') return dateTime(text, datatype);
  if (STRINGY.has(datatype)) {
    if (datatype === 'xsd:normalizedString' && /[\r\n\t]/.test(text)) throw new CastError(value, datatype);
    if (datatype === 'xsd:token' && (/[\r\n\t]|\s\s/.test(text) || text.trim() !== text)) throw new CastError(value, datatype);
    if (datatype === 'xdd:url' && !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(text)) throw new CastError(value, datatype);
    return text;
  }
  const re = LEXICAL[datatype];
  if (re) {
    if (!re.test(text) || !validCalendarParts(datatype, text)) throw new CastError(value, datatype);
    return datatype === 'xsd:hexBinary' ? text.toUpperCase() : text;
  }
  return text;
}

/** The canonical string of a stored value, as used in Lexical keys. */
export function valueString(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value['@value'] === 'string') {
    return value['@value'];
  }
  return JSON.stringify(value);
}
