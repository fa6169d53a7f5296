import type { JsonObject } from '../types.js';
import { notFound } from '../errors.js';
import type { Overlay } from './overlay.js';
import { expandId, normalizeId } from './iri.js';
import { cutLinks, leaves, linksOf, ownedIds } from './walk.js';
import { writeDoc } from './planInstance.js';
import { normalizeSchemaName } from './iri.js';
import type { WriteOp } from './planTypes.js';

/**
 * Deletes instance documents (by ids, by type, or nuke), cuts incoming links (not from List or
 * Array cells) and cascades to `@shared` documents left unreferenced (§4.6).
 */
export function planInstanceDelete(state: Overlay, op: Extract<WriteOp, { kind: 'delete' }>, touched: Set<string>): string[] {
  if (op.nuke) {
    state.clear('instance');
    return [];
  }
  const ctx = state.model().ctx;
  let ids: string[];
  if (op.type !== undefined) {
    const t = op.type;
    const types = t === 'sys:JSONDocument' || t === 'JSONDocument' ? ['sys:JSONDocument'] : state.model().subclassesOf(normalizeSchemaName(ctx, t));
    ids = [...state.ids('instance', types)];
  }
  else {
    ids = (op.ids ?? []).map((raw) => {
      const id = normalizeId(ctx, raw);
      if (!state.has('instance', id)) {
        throw notFound('api:DocumentNotFound', `Document not found: '${expandId(ctx, id)}'`, { 'api:document_id': expandId(ctx, id) });
      }
      return id;
    });
  }
  deleteCascade(state, ids, touched);
  return ids.map((id) => expandId(ctx, id));
}

function deleteCascade(state: Overlay, ids: readonly string[], touched: Set<string>): void {
  const model = state.model();
  let queue = [...new Set(ids)];
  const deleted = new Set<string>();
  while (queue.length > 0) {
    const targets = new Set<string>();
    const outgoing: string[] = [];
    for (const id of queue) {
      const doc = state.getDoc('instance', id);
      if (!doc || deleted.has(id)) continue;
      for (const owned of ownedIds(doc)) targets.add(owned);
      if (typeof doc['@type'] === 'string') outgoing.push(...linksOf(model, doc).map((l) => l.target));
      state.set('instance', id, null);
      deleted.add(id);
      touched.delete(id);
    }
    // cut incoming links
    const sources = new Set<string>();
    for (const t of targets) for (const b of state.backlinks(t)) if (!deleted.has(b.source)) sources.add(b.source);
    for (const s of sources) {
      const doc = state.getDoc('instance', s);
      if (!doc) continue;
      const next = cutLinks(model, doc, targets);
      if (next) {
        writeDoc(state, s, next);
        touched.add(s);
      }
    }
    // @shared cascade
    const next: string[] = [];
    for (const t of new Set(outgoing)) {
      if (deleted.has(t)) continue;
      const type = state.typeOf(t);
      if (!type || !model.classes.get(type)?.shared) continue;
      const still = [...state.backlinks(t)].some((b) => !deleted.has(b.source));
      if (!still) next.push(t);
    }
    queue = next;
  }
}

/** True if any stored value of `doc` mentions `id` (used by tests). */
export function mentions(doc: JsonObject, id: string): boolean {
  return Object.entries(doc).some(([k, v]) => !k.startsWith('@') && leaves(v).includes(id));
}
