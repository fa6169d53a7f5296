import { createHash, randomInt } from 'node:crypto';
import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import type { Context } from './iri.js';
import { expandId, normalizeId } from './iri.js';
import { valueString } from './datatypes/cast.js';
import type { ClassDef } from './model/types.js';

const RANDOM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 16 random characters from `A-Z a-z 0-9 - _` (§5.4 Random). */
export function randomKey(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += RANDOM_ALPHABET[randomInt(RANDOM_ALPHABET.length)];
  return s;
}

/** Percent-encoding of a URI path segment, `+` escaped as `%2B` (§5.4 Lexical). */
export function encodeSegment(v: string): string {
  return encodeURIComponent(v)
    .replace(/%(24|26|2C|3B|3D|40|3A)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** sha256 hex digest. */
export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** The id base of a class: its `@base` or `<ClassId>/`. */
export function classBase(cls: ClassDef): string {
  return cls.base ?? `${cls.id}/`;
}

/** Canonical JSON (sorted keys) used for ValueHash. */
export function canonicalJson(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k] ?? null)}`).join(',')}}`;
}

export interface KeyInput {
  readonly cls: ClassDef;
  readonly ctx: Context;
  /** Stored-form values (links are contracted ids). */
  readonly values: JsonObject;
  /** Which fields are links (their full IRI enters the key). */
  readonly isLink: (field: string) => boolean;
  /** `<parent id>/<prop>/[<index>/]` for subdocuments, `''` at top level. */
  readonly path: string;
  readonly random: () => string;
  /** The submitted document (for error details). */
  readonly submitted: JsonObject;
}

function fieldString(input: KeyInput, field: string): string {
  const v = input.values[field];
  if (v === undefined || v === null) return 'none';
  const one = (x: Json): string => (input.isLink(field) && typeof x === 'string' ? expandId(input.ctx, x) : valueString(x));
  if (Array.isArray(v)) {
    const parts = v.map((x) => encodeSegment(one(x)));
    if (input.cls.properties.get(field)?.family === 'Set') parts.sort();
    return parts.join('++');
  }
  return encodeSegment(one(v));
}

/**
 * Generates the contracted id of a document from its key strategy, or `undefined` when the class
 * has no key and no id was submitted is handled by the caller as Random.
 */
export function generateId(input: KeyInput): { id: string; computed: boolean } {
  const { cls, ctx, path } = input;
  const base = classBase(cls);
  const key = cls.key;
  const prefix = path + base;
  if (key && (key.type === 'Lexical' || key.type === 'Hash')) {
    for (const f of key.fields) {
      const prop = cls.properties.get(f);
      if (input.values[f] === undefined && (!prop || prop.family === 'One')) {
        throw badRequest('api:RequiredKeyFieldMissing', `The required field ${f} is missing from the submitted document`, {
          'api:field': f,
          'api:document': input.submitted,
        });
      }
    }
    const suffix = key.fields.map((f) => fieldString(input, f)).join('+');
    return { id: normalizeId(ctx, prefix + (key.type === 'Hash' ? sha256(suffix) : suffix)), computed: true };
  }
  if (key?.type === 'ValueHash') {
    const { '@id': _id, ...rest } = input.values;
    return { id: normalizeId(ctx, base + sha256(canonicalJson(rest))), computed: true };
  }
  return { id: normalizeId(ctx, prefix + input.random()), computed: false };
}

/** The expected id prefix (full IRI) for submitted ids of keyless/Random classes. */
export function expectedPrefix(cls: ClassDef, ctx: Context, path: string): string {
  return expandId(ctx, path + classBase(cls));
}
