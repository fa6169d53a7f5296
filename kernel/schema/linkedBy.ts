import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import type { Overlay } from './overlay.js';
import { elaborateObject } from './elaborate.js';
import type { ElabDoc, ElabEnv } from './elaborate.js';
import { normalizeId, normalizeSchemaName } from './iri.js';
import { sortSet } from './setOrder.js';
import { isObject } from './witness.js';
import { linksOf } from './walk.js';

/**
 * Top-level insert of a subdocument with `"@linked-by": {"@id": parent | {"@ref": n}, "@property": p}`:
 * the subdocument is elaborated under its parent and embedded into it.
 */
export function linkSubdocuments(state: Overlay, env: ElabEnv, d: JsonObject, linkedBy: JsonObject): ElabDoc {
  const prop = linkedBy['@property'];
  const parentRaw = linkedBy['@id'];
  if (typeof prop !== 'string') {
    throw badRequest('api:NoPropertySpecified', 'Back links were used with no property specified.', { 'api:parent': linkedBy, 'api:document': d });
  }
  let parent: string | undefined;
  if (typeof parentRaw === 'string') parent = normalizeId(env.ctx, parentRaw);
  else if (isObject(parentRaw) && typeof parentRaw['@ref'] === 'string') parent = env.captures.get(parentRaw['@ref']);
  else throw badRequest('api:NoRefOrIdSpecified', 'Back links were used with no ref or id.', { 'api:parent': linkedBy, 'api:document': d });
  if (parent === undefined) throw badRequest('api:NotAllCapturesFound', 'Ids were referenced but never captured.', { 'api:captures': [JSON.stringify(parentRaw)] });
  const propName = normalizeSchemaName(env.ctx, prop);
  const { '@linked-by': _lb, ...input } = d;
  const r = elaborateObject(env, input, undefined, `${parent}/${propName}/`, 'sub');
  // Embed into the parent (written in this request, or stored).
  const pending = env.out.find((x) => x.id === parent);
  const parentDoc = pending?.doc ?? state.getDoc('instance', parent);
  if (!parentDoc) throw badRequest('api:LinkIdNotValid', 'The link Id did not have a valid form.', { 'api:parent': linkedBy, 'api:document': d });
  const next: JsonObject = { ...parentDoc };
  const cls = typeof parentDoc['@type'] === 'string' ? env.model.classes.get(parentDoc['@type']) : undefined;
  const family = cls?.properties.get(propName)?.family ?? 'Set';
  const cur = next[propName];
  if (family === 'Set' || family === 'List') {
    const arr: Json[] = Array.isArray(cur) ? [...cur] : cur === undefined ? [] : [cur];
    arr.push(r.doc);
    next[propName] = family === 'Set' ? sortSet(arr) : arr;
  } else next[propName] = r.doc;
  state.set('instance', parent, next, String(parentDoc['@type']), linksOf(env.model, next));
  return { id: r.id, type: r.type, doc: r.doc, submitted: d, nested: false, linkedBy: { parent, property: propName } };
}
