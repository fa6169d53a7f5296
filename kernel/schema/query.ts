import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import type { Snapshot } from '../store/Store.js';
import { castValue } from './datatypes/cast.js';
import { isDatatype } from './datatypes/names.js';
import { normalizeId, normalizeSchemaName } from './iri.js';
import { modelOf } from './model/build.js';
import type { ClassDef, SchemaModel } from './model/types.js';
import { findEmbedded } from './validate.js';
import { leaves } from './walk.js';
import { isObject } from './witness.js';

/** A compiled query-by-example (§4.3). */
export interface CompiledQuery {
  /** Classes whose documents may match (the queried class and its subclasses). */
  readonly types: readonly string[];
  /** True when a stored document matches. */
  matches(doc: JsonObject): boolean;
}

type Pred = (v: Json | undefined) => boolean;

function queryError(type: string, msg: string): Error {
  return badRequest(type, msg);
}

/** Compiles a query document; `type` is the GET `type` parameter (used when `@type` is absent). */
export function compileQuery(snapshot: Snapshot, query: Json, type?: string): CompiledQuery {
  const model = modelOf(snapshot);
  if (!isObject(query)) throw badRequest('api:QueryNotADict', 'Query provided is not a dict');
  const t = typeof query['@type'] === 'string' ? query['@type'] : type;
  if (t === undefined) throw queryError('api:QueryMissingType', 'Missing type for query');
  const cls = classOf(model, t);
  const pred = compileObject(snapshot, model, cls, query);
  return { types: model.subclassesOf(cls.id), matches: (doc) => pred(doc) };
}

function classOf(model: SchemaModel, t: string): ClassDef {
  let name: string;
  try {
    name = normalizeSchemaName(model.ctx, t);
  } catch {
    throw queryError('api:QueryTypeNotFound', `Query provided a type ${t} which was not found in the schema.`);
  }
  const cls = model.classes.get(name);
  if (!cls) throw queryError('api:QueryTypeNotFound', `Query provided a type ${t} which was not found in the schema.`);
  return cls;
}

function deref(snapshot: Snapshot, v: Json | undefined): JsonObject | undefined {
  if (isObject(v)) return v;
  if (typeof v !== 'string') return undefined;
  return snapshot.getDoc('instance', v) ?? findEmbedded(snapshot, v);
}

function compileObject(snapshot: Snapshot, model: SchemaModel, cls: ClassDef, q: JsonObject): Pred {
  const preds: Pred[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (k === '@type') {
      if (typeof v === 'string' && v !== cls.id) {
        const sub = classOf(model, v);
        preds.push((d) => isObject(d) && typeof d['@type'] === 'string' && (model.classes.get(d['@type'])?.ancestors.has(sub.id) ?? false));
      }
      continue;
    }
    if (k === '@id') {
      const ids = isObject(v) && Array.isArray(v['@one-of']) ? v['@one-of'] : [v];
      const want = new Set(ids.filter((x): x is string => typeof x === 'string').map((x) => normalizeId(model.ctx, x)));
      preds.push((d) => isObject(d) && want.has(String(d['@id'])));
      continue;
    }
    if (k === '@one-of' || k === '@all') {
      if (!Array.isArray(v)) throw queryError('api:QueryOneOfNotDocumentList', 'Query did not specify a list of documents');
      const subs = v.map((x) => (isObject(x) ? compileObject(snapshot, model, cls, x) : () => false));
      preds.push(k === '@all' ? (d) => subs.every((p) => p(d)) : (d) => subs.some((p) => p(d)));
      continue;
    }
    if (k.startsWith('@')) continue;
    let name: string;
    try {
      name = normalizeSchemaName(model.ctx, k);
    } catch {
      throw queryError('api:QueryDocumentHasUndefinedPrefix', 'Query document used an undefined prefix');
    }
    const prop = cls.properties.get(name);
    if (!prop) throw queryError('api:QueryUnrecognizedPropertyForType', `Query contains an unrecognised property ${k} for type ${cls.id}`);
    const vp = compileValue(snapshot, model, prop.range, v);
    preds.push((d) => {
      if (!isObject(d)) return false;
      const stored = d[name];
      if (v === null) return stored === undefined;
      if (isObject(v) && '@if-exists' in v && stored === undefined) return true;
      return leaves(stored).some((x) => vp(x));
    });
  }
  return (d) => preds.every((p) => p(d));
}

function compileValue(snapshot: Snapshot, model: SchemaModel, range: string, v: Json): Pred {
  if (isObject(v)) {
    if ('@if-exists' in v) return compileValue(snapshot, model, range, v['@if-exists'] ?? null);
    if (Array.isArray(v['@one-of'])) {
      const ps = v['@one-of'].map((x) => compileValue(snapshot, model, range, x));
      return (x) => ps.some((p) => p(x));
    }
    if (Array.isArray(v['@all'])) {
      const ps = v['@all'].map((x) => compileValue(snapshot, model, range, x));
      return (x) => ps.every((p) => p(x));
    }
    if (typeof v['@regex'] === 'string') {
      let re: RegExp;
      try {
        re = new RegExp(v['@regex']);
      } catch {
        throw queryError('api:QueryRegexInvalid', 'Query contains a regex which is not valid syntax');
      }
      return (x) => typeof x === 'string' && re.test(x);
    }
  }
  if (isDatatype(range)) {
    let want: Json;
    try {
      want = castValue(v, range);
    } catch {
      throw queryError('api:QueryCastingError', `Query contains a value which can not be cast to the given type ${range}`);
    }
    const key = JSON.stringify(want);
    return (x) => JSON.stringify(x) === key;
  }
  const target = model.classes.get(range);
  if (target?.kind === 'Enum') return (x) => x === v;
  if (typeof v === 'string') {
    const id = normalizeId(model.ctx, v);
    return (x) => x === id || (isObject(x) && x['@id'] === id);
  }
  if (isObject(v) && target) {
    const p = compileObject(snapshot, model, target, v);
    return (x) => p(deref(snapshot, x));
  }
  return () => false;
}

/** Query-by-example is for the instance graph only: 400 `api:QueryDocumentOnlySupportedForInstanceGraphs`. */
export function assertQueryGraph(graph: 'instance' | 'schema'): void {
  if (graph !== 'instance') {
    throw badRequest('api:QueryDocumentOnlySupportedForInstanceGraphs', 'Query documents are currently only supported for instance graphs');
  }
}
