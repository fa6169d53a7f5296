import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import { expandId, expandSchema, normalizeSchemaName } from './iri.js';
import type { Context } from './iri.js';
import { expectedPrefix, generateId } from './ids.js';
import type { ClassDef, PropertyDef, SchemaModel } from './model/types.js';
import { convertValue, propertyKey } from './elaborateValue.js';
import type { ValueEnv } from './elaborateValue.js';
import { expandedDoc, isObject, witnessError, witnessesOf } from './witness.js';
import { checkCardinality, checkOneOf, inferType } from './shape.js';
import { sortSet } from './setOrder.js';

/** A document produced by elaboration (top-level, or a new linked document nested in another). */
export interface ElabDoc {
  readonly id: string;
  readonly type: string;
  readonly doc: JsonObject;
  readonly submitted: JsonObject;
  /** True for a new linked document found nested in another document. */
  readonly nested: boolean;
  /** `@linked-by` of a top-level subdocument insert. */
  readonly linkedBy?: { readonly parent: string | { ref: string }; readonly property: string };
}

/** Shared state of one write request. */
export interface ElabEnv {
  readonly model: SchemaModel;
  readonly ctx: Context;
  readonly random: () => string;
  readonly schemaless: boolean;
  readonly captures: Map<string, string>;
  readonly fixups: { name: string; set: (id: string) => void }[];
  readonly out: ElabDoc[];
}

/** A fresh environment for one request. */
export function newEnv(model: SchemaModel, random: () => string, schemaless: boolean): ElabEnv {
  return { model, ctx: model.ctx, random, schemaless, captures: new Map(), fixups: [], out: [] };
}

type Where = 'top' | 'sub' | 'nested';

function resolveType(env: ElabEnv, input: JsonObject, expected: string | undefined, where: Where): ClassDef {
  const t = input['@type'];
  if (typeof t === 'string') {
    const name = normalizeSchemaName(env.ctx, t);
    const cls = env.model.classes.get(name);
    if (!cls || cls.kind === 'Enum') {
      throw witnessError({
        '@type': 'ascribed_type_does_not_exist',
        ascribed_type: expandSchema(env.ctx, name),
        document: expandedDoc(env.ctx, input),
      });
    }
    return cls;
  }
  return inferType(env.model, input, expected, where === 'top');
}

/** Elaborates one object into its stored form; pushes new nested documents to `env.out`. */
export function elaborateObject(
  env: ElabEnv,
  input: JsonObject,
  expected: string | undefined,
  path: string,
  where: Where,
): { id: string; type: string; doc: JsonObject } {
  const cls = resolveType(env, input, expected, where);
  const type = cls.id;
  const document = expandedDoc(env.ctx, input, type);
  const venv: ValueEnv = { model: env.model, ctx: env.ctx, document };
  if (cls.kind === 'Foreign') {
    const given = input['@id'];
    if (typeof given !== 'string') {
      throw badRequest('api:MissingField', "Missing '@id' field in submitted document.", { 'api:field': '@id', 'api:document': input });
    }
    const id = normalizeIdSafe(env, given);
    return { id, type, doc: { '@id': id, '@type': type } };
  }
  // Map submitted keys to properties.
  const given = new Map<string, Json>();
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (k.startsWith('@')) continue;
    const name = propertyKey(env.ctx, k);
    if (cls.properties.has(name)) given.set(name, v);
    else unknown.push(expandSchema(env.ctx, name));
  }
  if (unknown.length > 0 && !env.schemaless) {
    throw witnessError({ '@type': 'unknown_property_for_type', document, property: unknown, type: expandSchema(env.ctx, type) });
  }
  if (!env.schemaless) checkOneOf(env.ctx, cls, given, document);
  requireKeyFields(cls, given, input);
  // `values` is the stored document itself: setters that run later (`@ref` fixups) write into it.
  const values: JsonObject = { '@id': '', '@type': type };
  const deferred: (() => void)[] = [];
  const linkFields = new Set<string>();
  for (const prop of cls.properties.values()) {
    const raw = given.get(prop.name);
    const isMissing = raw === undefined || raw === null;
    if (!env.schemaless && !cls.choices.has(prop.name)) checkCardinality(env.ctx, prop, raw, document);
    if (isMissing) {
      if (prop.family === 'List' || prop.family === 'Array') values[prop.name] = [];
      continue;
    }
    convertProperty(env, venv, prop, raw, values, deferred, linkFields, () => idBox.id);
  }
  const idBox = { id: '' };
  idBox.id = assignId(env, cls, input, values, linkFields, path);
  values['@id'] = idBox.id;
  for (const d of deferred) d();
  const doc = values;
  const capture = input['@capture'];
  if (typeof capture === 'string') {
    if (env.captures.has(capture)) {
      throw badRequest('api:CaptureIdAlreadyBound', `Capture ${capture} was bound earlier`, { 'api:capture': capture, 'api:document': input });
    }
    env.captures.set(capture, idBox.id);
  }
  return { id: idBox.id, type, doc };
}

function assignId(env: ElabEnv, cls: ClassDef, input: JsonObject, values: JsonObject, links: Set<string>, path: string): string {
  const submitted = typeof input['@id'] === 'string' ? input['@id'] : undefined;
  const gen = generateId({ cls, ctx: env.ctx, values, isLink: (f) => links.has(f), path, random: env.random, submitted: input });
  if (submitted === undefined) return gen.id;
  const sub = expandId(env.ctx, submitted);
  if (gen.computed) {
    const full = expandId(env.ctx, gen.id);
    if (sub !== full) {
      throw badRequest('api:SubmittedIdDoesNotMatchGeneratedId', `Document was submitted with id ${sub}, but id ${full} was generated`, {
        'api:submitted_id': sub,
        'api:generated_id': full,
        'api:document': input,
      });
    }
    return gen.id;
  }
  const prefix = expectedPrefix(cls, env.ctx, path);
  if (path === '' && !sub.startsWith(prefix)) {
    throw badRequest('api:SubmittedDocumentIdDoesNotHaveExpectedPrefix', `Document id ${sub} does not have expected prefix ${prefix}`, {
      'api:submitted_id': sub,
      'api:prefix': prefix,
      'api:document': input,
    });
  }
  return normalizeIdSafe(env, submitted);
}

function normalizeIdSafe(env: ElabEnv, id: string): string {
  const full = expandId(env.ctx, id);
  return full.startsWith(env.ctx.base) ? full.slice(env.ctx.base.length) : full;
}

function convertProperty(
  env: ElabEnv,
  venv: ValueEnv,
  prop: PropertyDef,
  raw: Json,
  values: JsonObject,
  deferred: (() => void)[],
  linkFields: Set<string>,
  parentId: () => string,
): void {
  const one = (v: Json, set: (x: Json) => void, index: string): void => {
    if (v === null && prop.family === 'Array') {
      set(null);
      return;
    }
    let c;
    try {
      c = convertValue(venv, prop, v);
    } catch (e) {
      throw wrapInference(env, prop, e);
    }
    switch (c.kind) {
      case 'value':
        set(c.value);
        return;
      case 'link':
        linkFields.add(prop.name);
        set(c.id);
        return;
      case 'ref': {
        linkFields.add(prop.name);
        const hit = env.captures.get(c.name);
        if (hit !== undefined) set(hit);
        else {
          set(null);
          env.fixups.push({ name: c.name, set });
        }
        return;
      }
      case 'object': {
        const target = env.model.classes.get(prop.range);
        const input = c.input;
        const subTypeName = typeof input['@type'] === 'string' ? normalizeSchemaName(env.ctx, input['@type']) : undefined;
        const subCls = subTypeName ? env.model.classes.get(subTypeName) : target;
        if (subCls?.subdocument || (!subTypeName && target?.subdocument)) {
          if ('@linked-by' in input) {
            throw badRequest('api:EmbeddedSubdocumentHasLinkedBy', 'Embedded subdocument has @linked-by', { 'api:document': input });
          }
          set(null);
          deferred.push(() => {
            const path = `${parentId()}/${prop.name}/${index}`;
            try {
              set(elaborateObject(env, input, prop.range, path, 'sub').doc);
            } catch (e) {
              throw wrapInference(env, prop, e);
            }
          });
          return;
        }
        let r;
        try {
          r = elaborateObject(env, input, prop.range, '', 'nested');
        } catch (e) {
          throw wrapInference(env, prop, e);
        }
        env.out.push({ id: r.id, type: r.type, doc: r.doc, submitted: input, nested: true });
        linkFields.add(prop.name);
        set(r.id);
        return;
      }
    }
  };
  const name = prop.name;
  switch (prop.family) {
    case 'One':
    case 'Optional':
      one(raw, (x) => (values[name] = x), '');
      return;
    case 'Set': {
      const items = Array.isArray(raw) ? raw : [raw];
      const out: Json[] = new Array<Json>(items.length).fill(null);
      items.forEach((v, i) => one(v, (x) => (out[i] = x), ''));
      values[name] = out;
      deferred.push(() => {
        const sorted = sortSet(out);
        if (sorted.length === 0) delete values[name];
        else values[name] = sorted;
      });
      return;
    }
    case 'List': {
      const items = Array.isArray(raw) ? raw : [raw];
      const out: Json[] = new Array<Json>(items.length).fill(null);
      items.forEach((v, i) => one(v, (x) => (out[i] = x), `${i}/`));
      values[name] = out;
      return;
    }
    case 'Array': {
      const dims = prop.dimensions ?? 1;
      const walk = (v: Json, depth: number, idx: string): Json => {
        if (depth === 0) {
          if (Array.isArray(v)) throw dimError(raw, dims);
          let res: Json = null;
          one(v, (x) => (res = x), idx);
          return res;
        }
        if (!Array.isArray(v)) throw dimError(raw, dims);
        const arr: Json[] = v.map(() => null);
        v.forEach((x, i) => {
          arr[i] = x === null ? null : walk(x, depth - 1, `${idx}${i}/`);
        });
        return arr;
      };
      values[name] = walk(raw, dims, '');
      return;
    }
  }
}

function dimError(array: Json, dimensions: number): Error {
  return witnessError({ '@type': 'invalid_array_dimensions', array, dimensions });
}

function wrapInference(env: ElabEnv, prop: PropertyDef, e: unknown): unknown {
  const w = witnessesOf(e);
  const first = w?.[0];
  if (first && first['@type'] === 'no_unique_type_for_document') {
    return witnessError({ [expandSchema(env.ctx, prop.name)]: first });
  }
  return e;
}

/** True for a JSON object (re-exported for the planner). */
export { isObject };

/** A Lexical/Hash key field that is required and absent: TerminusDB refuses it before any schema check. */
function requireKeyFields(cls: ClassDef, given: ReadonlyMap<string, Json>, input: JsonObject): void {
  const key = cls.key;
  if (key === undefined || (key.type !== 'Lexical' && key.type !== 'Hash')) return;
  for (const f of key.fields) {
    const v = given.get(f);
    if ((v === undefined || v === null) && cls.properties.get(f)?.family === 'One') {
      throw badRequest('api:RequiredKeyFieldMissing', `The required field ${f} is missing from the submitted document`, {
        'api:field': f,
        'api:document': input,
      });
    }
  }
}
