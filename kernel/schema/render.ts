import type { GraphType, Json, JsonObject } from '../types.js';
import type { Snapshot } from '../store/Store.js';
import { expandId, expandSchema } from './iri.js';
import { modelOf } from './model/build.js';
import type { PropertyDef, SchemaModel } from './model/types.js';
import { isObjectProperty } from './walk.js';
import { isObject } from './witness.js';

/** Output options of GET (§4.2). */
export interface RenderOptions {
  /** `false`: full IRIs for ids, types and property names. */
  readonly compressIds: boolean;
  /** Embed subdocuments and `@unfoldable` documents; `false`: ids only. */
  readonly unfold: boolean;
}

/** Renders a stored document in GET's output shape (§5.3). */
export function renderDocument(snapshot: Snapshot, graph: GraphType, stored: JsonObject, options: RenderOptions): JsonObject {
  if (graph === 'schema') return stored;
  const model = modelOf(snapshot);
  if (typeof stored['@type'] !== 'string' || snapshot.typeOf(String(stored['@id'])) === 'sys:JSONDocument') {
    if (options.compressIds || typeof stored['@id'] !== 'string') return stored;
    return { ...stored, '@id': expandId(model.ctx, stored['@id']) };
  }
  const path = new Set<string>();
  return renderObject({ snapshot, model, options, path }, stored);
}

interface Env {
  snapshot: Snapshot;
  model: SchemaModel;
  options: RenderOptions;
  path: Set<string>;
}

function id(env: Env, v: string): string {
  return env.options.compressIds ? v : expandId(env.model.ctx, v);
}

function schemaName(env: Env, v: string): string {
  return env.options.compressIds ? v : expandSchema(env.model.ctx, v);
}

function renderObject(env: Env, o: JsonObject): JsonObject {
  const type = String(o['@type']);
  const cls = env.model.classes.get(type);
  const self = typeof o['@id'] === 'string' ? o['@id'] : undefined;
  if (self) env.path.add(self);
  const out: JsonObject = {};
  if (self !== undefined) out['@id'] = id(env, self);
  out['@type'] = schemaName(env, type);
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith('@')) continue;
    const prop = cls?.properties.get(k);
    out[schemaName(env, k)] = prop && isObjectProperty(env.model, prop) ? renderValue(env, prop, v) : v;
  }
  if (self) env.path.delete(self);
  return out;
}

function renderValue(env: Env, prop: PropertyDef, v: Json): Json {
  if (Array.isArray(v)) return v.map((x) => renderValue(env, prop, x));
  if (isObject(v)) {
    if (!env.options.unfold && typeof v['@id'] === 'string') return id(env, v['@id']);
    return renderObject(env, v);
  }
  if (typeof v !== 'string') return v;
  if (env.options.unfold && !env.path.has(v)) {
    const t = env.snapshot.typeOf(v);
    const target = t === undefined ? undefined : env.model.classes.get(t);
    if (target && (prop.unfold || target.unfoldable)) {
      const doc = env.snapshot.getDoc('instance', v);
      if (doc) return renderObject(env, doc);
    }
  }
  return id(env, v);
}
