import type { Json, JsonObject } from '../types.js';
import { badRequest } from '../errors.js';
import type { Snapshot } from '../store/Store.js';
import { modelOf } from './model/build.js';
import { elaborateObject, newEnv } from './elaborate.js';
import { isObject } from './witness.js';

/**
 * A submitted document normalised to the stored (contracted) form, for `/api/diff` with a
 * submitted `after` (§8.2 case 4). Unknown property → schema check failure
 * `unknown_property_for_type`. Missing ids are filled in from the key strategy.
 */
export function normalizeSubmitted(snapshot: Snapshot, doc: Json): JsonObject {
  if (!isObject(doc)) throw badRequest('api:DocumentElaborationImpossible', 'The submitted document could not be elaborated', { 'api:document': doc });
  const model = modelOf(snapshot);
  if (typeof doc['@type'] !== 'string' && snapshot.typeOf(String(doc['@id'] ?? '')) === 'sys:JSONDocument') return doc;
  const env = newEnv(model, () => 'x'.repeat(16), false);
  return elaborateObject(env, doc, undefined, '', 'top').doc;
}
