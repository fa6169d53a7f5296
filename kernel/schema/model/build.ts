import type { Json, JsonObject } from '../../types.js';
import type { Snapshot } from '../../store/Store.js';
import { expandSchema, parseContext } from '../iri.js';
import type { Context } from '../iri.js';
import { isDatatype } from '../datatypes/names.js';
import { parseRange } from './range.js';
import type { ClassDef, KeyDef, PropertyDef, SchemaKind, SchemaModel } from './types.js';

/** Keys of a class document that are not properties. */
export const CLASS_KEYWORDS: ReadonlySet<string> = new Set([
  '@id', '@type', '@key', '@base', '@inherits', '@abstract', '@subdocument', '@unfoldable',
  '@shared', '@documentation', '@metadata', '@oneOf',
]);

interface Raw {
  id: string;
  kind: SchemaKind;
  doc: JsonObject;
  parents: string[];
  own: Map<string, PropertyDef>;
  ownOneOfs: Map<string, PropertyDef>[];
}

function asList(v: Json | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function parseKey(v: Json | undefined): KeyDef | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const t = v['@type'];
  if (t === 'Lexical' || t === 'Hash') return { type: t, fields: asList(v['@fields']) };
  if (t === 'ValueHash' || t === 'Random') return { type: t };
  return undefined;
}

function propsOf(obj: JsonObject): Map<string, PropertyDef> {
  const out = new Map<string, PropertyDef>();
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('@')) continue;
    const p = parseRange(k, v);
    if (p) out.set(k, p);
  }
  return out;
}

function readRaw(doc: JsonObject): Raw | undefined {
  const id = doc['@id'];
  const kind = doc['@type'];
  if (typeof id !== 'string') return undefined;
  if (kind !== 'Class' && kind !== 'Enum' && kind !== 'TaggedUnion' && kind !== 'Foreign') return undefined;
  const own = kind === 'Enum' || kind === 'Foreign' ? new Map<string, PropertyDef>() : propsOf(doc);
  const oneOfRaw = doc['@oneOf'];
  const ownOneOfs = (Array.isArray(oneOfRaw) ? oneOfRaw : oneOfRaw ? [oneOfRaw] : [])
    .filter((o): o is JsonObject => typeof o === 'object' && o !== null && !Array.isArray(o))
    .map(propsOf);
  if (kind === 'TaggedUnion') ownOneOfs.unshift(new Map(own));
  return { id, kind, doc, parents: asList(doc['@inherits']), own, ownOneOfs };
}

/** Builds the class model from a `@context` document and the stored schema documents. */
export function buildModel(context: JsonObject, docs: Iterable<JsonObject>): SchemaModel {
  const ctx = parseContext(context);
  const raws = new Map<string, Raw>();
  for (const d of docs) {
    const r = readRaw(d);
    if (r) raws.set(r.id, r);
  }
  const witnesses: JsonObject[] = [];
  const full = (n: string): string => safeExpand(ctx, n);

  // ancestors (with cycle detection)
  const ancestors = new Map<string, string[]>();
  const visit = (id: string, path: string[]): string[] => {
    const done = ancestors.get(id);
    if (done) return done;
    if (path.includes(id)) {
      const from = path[0] ?? id;
      witnesses.push({ '@type': 'cycle_in_class', from_class: full(from), to_class: full(id), path: [...path, id].map(full) });
      return [id];
    }
    const r = raws.get(id);
    const out: string[] = [];
    for (const p of r?.parents ?? []) {
      for (const a of visit(p, [...path, id])) if (!out.includes(a)) out.push(a);
    }
    out.push(id);
    ancestors.set(id, out);
    return out;
  };
  for (const id of raws.keys()) visit(id, []);

  const classes = new Map<string, ClassDef>();
  const subclasses = new Map<string, string[]>();
  for (const r of raws.values()) {
    const anc = ancestors.get(r.id) ?? [r.id];
    const properties = new Map<string, PropertyDef>();
    const oneOfs: Map<string, PropertyDef>[] = [];
    let subdocument = false;
    let unfoldable = false;
    let shared = false;
    for (const a of anc) {
      const ar = raws.get(a);
      if (!ar) continue;
      for (const [k, p] of ar.own) {
        const prev = properties.get(k);
        if (prev && a !== r.id && !sameRange(prev, p)) {
          witnesses.push({ '@type': 'violation_of_diamond_property', class: full(r.id), predicate: full(k) });
        }
        properties.set(k, p);
      }
      oneOfs.push(...ar.ownOneOfs);
      for (const g of ar.ownOneOfs) for (const [k, p] of g) properties.set(k, p);
      subdocument ||= Array.isArray(ar.doc['@subdocument']);
      unfoldable ||= Array.isArray(ar.doc['@unfoldable']);
      shared ||= Array.isArray(ar.doc['@shared']);
      const subs = subclasses.get(a) ?? [];
      subs.push(r.id);
      subclasses.set(a, subs);
    }
    for (const p of r.parents) {
      const pr = raws.get(p);
      if (!pr) witnesses.push({ '@type': 'inherits_from_non_existent_class', class: full(r.id), super: full(p) });
      else if (pr.kind !== 'Class' && pr.kind !== 'TaggedUnion') {
        witnesses.push({ '@type': 'inherits_from_invalid_super_class', class: full(r.id), super: full(p) });
      }
    }
    const def: ClassDef = {
      id: r.id,
      kind: r.kind,
      parents: r.parents,
      ancestors: new Set(anc),
      properties,
      oneOfs,
      choices: new Set(oneOfs.flatMap((g) => [...g.keys()])),
      abstract: Array.isArray(r.doc['@abstract']),
      subdocument,
      unfoldable,
      shared,
      doc: r.doc,
      ...optional('key', parseKey(r.doc['@key'])),
      ...optional('base', typeof r.doc['@base'] === 'string' ? r.doc['@base'] : undefined),
      ...optional('values', r.kind === 'Enum' ? asList(r.doc['@value']) : undefined),
    };
    classes.set(r.id, def);
  }
  for (const c of classes.values()) {
    const all = [...c.properties.values(), ...c.oneOfs.flatMap((o) => [...o.values()])];
    for (const p of all) {
      if (p.range === 'sys:Unit' || isDatatype(p.range) || classes.has(p.range)) continue;
      const w = { '@type': 'not_a_class_or_base_type', class: full(p.range) };
      if (!witnesses.some((x) => x['@type'] === w['@type'] && x['class'] === w.class)) witnesses.push(w);
    }
  }
  return {
    ctx,
    context,
    classes,
    witnesses,
    subclassesOf: (id) => subclasses.get(id) ?? (classes.has(id) ? [id] : []),
  };
}

function sameRange(a: PropertyDef, b: PropertyDef): boolean {
  return a.family === b.family && a.range === b.range && a.min === b.min && a.max === b.max;
}

function safeExpand(ctx: Context, n: string): string {
  try {
    return expandSchema(ctx, n);
  } catch {
    return n;
  }
}

/** `{key: value}` when value is defined, else `{}` (for exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const cache = new WeakMap<Snapshot, SchemaModel>();

/** The schema model of a snapshot, cached per snapshot. */
export function modelOf(snapshot: Snapshot): SchemaModel {
  const hit = cache.get(snapshot);
  if (hit) return hit;
  const docs: JsonObject[] = [];
  for (const id of snapshot.ids('schema')) {
    const d = snapshot.getDoc('schema', id);
    if (d && id !== '@context') docs.push(d);
  }
  const model = buildModel(snapshot.context, docs);
  cache.set(snapshot, model);
  return model;
}
