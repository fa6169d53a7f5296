import type { Json, JsonObject } from '../types.js';
import { badRequest, notFound } from '../errors.js';
import type { Overlay } from './overlay.js';
import { elaborateObject, newEnv } from './elaborate.js';
import type { ElabDoc, ElabEnv } from './elaborate.js';
import { expandId, normalizeId } from './iri.js';
import { linksOf } from './walk.js';
import { isObject } from './witness.js';
import type { WriteOp } from './planTypes.js';
import { linkSubdocuments } from './linkedBy.js';

type WriteOpOf<K> = Extract<WriteOp, { kind: K }>;

function asObject(d: Json): JsonObject {
  if (!isObject(d)) throw badRequest('api:DocumentElaborationImpossible', 'The submitted document could not be elaborated', { 'api:document': d });
  return d;
}

/** Stores an elaborated document in the overlay with its type and links. */
export function writeDoc(state: Overlay, id: string, doc: JsonObject): void {
  const type = typeof doc['@type'] === 'string' ? doc['@type'] : 'sys:JSONDocument';
  state.set('instance', id, doc, type, type === 'sys:JSONDocument' ? [] : linksOf(state.model(), doc));
}

function elaborateAll(
  state: Overlay,
  op: WriteOpOf<'insert' | 'replace'>,
  env: ElabEnv,
  later: (() => void)[],
): ElabDoc[] {
  const tops: ElabDoc[] = [];
  for (const d of op.docs.map(asObject)) {
    const linkedBy = d['@linked-by'];
    if (linkedBy !== undefined && op.kind === 'replace') {
      throw badRequest('api:LinksInReplaceError', "It is not possible to use '@linked-by' in replace document.", { 'api:document': d });
    }
    const cls = typeof d['@type'] === 'string' ? state.model().classes.get(d['@type']) : undefined;
    if (cls?.subdocument && linkedBy === undefined) {
      throw badRequest('api:InsertedSubdocumentAsDocument', 'Tried to insert a subdocument as a document without specifying backlinks.', { 'api:document': d });
    }
    if (isObject(linkedBy)) {
      const index = tops.length;
      tops.push({ id: '', type: '', doc: {}, submitted: d, nested: false, linkedBy: { parent: '', property: '' } });
      later.push(() => {
        tops[index] = linkSubdocuments(state, env, d, linkedBy);
      });
      continue;
    }
    const r = elaborateObject(env, d, undefined, '', 'top');
    tops.push({ id: r.id, type: r.type, doc: r.doc, submitted: d, nested: false });
  }
  const missing = env.fixups.filter((f) => !env.captures.has(f.name)).map((f) => f.name);
  if (missing.length > 0) {
    throw badRequest('api:NotAllCapturesFound', 'Ids were referenced but never captured.', { 'api:captures': [...new Set(missing)] });
  }
  for (const f of env.fixups) f.set(env.captures.get(f.name) ?? '');
  return tops;
}

function checkDuplicates(state: Overlay, docs: readonly ElabDoc[], merge: boolean): void {
  if (merge) return;
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const d of docs) {
    if (d.linkedBy) continue;
    if (seen.has(d.id) && !dup.includes(d.id)) dup.push(d.id);
    seen.add(d.id);
  }
  if (dup.length > 0) {
    throw badRequest('api:SameDocumentIdsMutatedInOneTransaction', 'Tried to mutate document with same id multiple times', {
      'api:duplicate_ids': dup.map((id) => expandId(state.model().ctx, id)),
    });
  }
}

/** Applies an instance insert or replace of typed documents; returns the full IRIs. */
export function planInstanceWrite(
  state: Overlay,
  op: WriteOpOf<'insert' | 'replace'>,
  random: () => string,
  schemaless: boolean,
  touched: Set<string>,
): string[] {
  if (op.rawJson) return planRawJson(state, op, random, touched);
  const env = newEnv(state.model(), random, schemaless);
  const later: (() => void)[] = [];
  const tops = elaborateAll(state, op, env, later);
  const all = [...tops, ...env.out];
  checkDuplicates(state, all, op.mergeRepeats ?? false);
  const ctx = state.model().ctx;
  for (const d of all) {
    if (d.linkedBy) continue;
    const exists = state.has('instance', d.id);
    if (op.kind === 'insert' && exists && !op.overwrite) {
      const sameValueHash = state.model().classes.get(d.type)?.key?.type === 'ValueHash';
      if (sameValueHash) continue;
      throw badRequest('api:DocumentIdAlreadyExists', `Tried to insert a new document with id ${expandId(ctx, d.id)}, but an object with that id already exists`, {
        'api:document_id': expandId(ctx, d.id),
        'api:document': d.submitted,
      });
    }
    if (op.kind === 'replace' && !exists && !op.create && !d.nested) {
      throw notFound('api:DocumentNotFound', `Document not found: '${expandId(ctx, d.id)}'`, {
        'api:document_id': expandId(ctx, d.id),
        'api:document': d.submitted,
      });
    }
  }
  for (const d of all) {
    if (d.linkedBy) continue;
    writeDoc(state, d.id, d.doc);
    touched.add(d.id);
  }
  for (const f of later) f();
  for (const d of tops) if (d.linkedBy && typeof d.linkedBy.parent === 'string') touched.add(d.linkedBy.parent);
  return tops.map((d) => expandId(ctx, d.id));
}

function planRawJson(state: Overlay, op: WriteOpOf<'insert' | 'replace'>, random: () => string, touched: Set<string>): string[] {
  const ctx = state.model().ctx;
  const out: string[] = [];
  for (const d of op.docs.map(asObject)) {
    const given = d['@id'];
    if (op.kind === 'replace' && typeof given !== 'string') {
      throw badRequest('api:JSONIdNotProvided', 'No @id was provided for the JSON document', { 'api:document': d });
    }
    const id = typeof given === 'string' ? normalizeId(ctx, given) : `JSONDocument/${random()}`;
    const exists = state.has('instance', id);
    if (op.kind === 'insert' && exists && !op.overwrite) {
      throw badRequest('api:DocumentIdAlreadyExists', `Tried to insert a new document with id ${expandId(ctx, id)}, but an object with that id already exists`, {
        'api:document_id': expandId(ctx, id),
        'api:document': d,
      });
    }
    if (op.kind === 'replace') {
      if (!exists && !op.create) {
        throw notFound('api:DocumentNotFound', `Document not found: '${expandId(ctx, id)}'`, { 'api:document_id': expandId(ctx, id), 'api:document': d });
      }
      if (exists && state.typeOf(id) !== 'sys:JSONDocument') {
        throw badRequest('api:StoredDocumentNotAJSON', 'The stored document is not a JSON document', { 'api:document_id': expandId(ctx, id) });
      }
    }
    const { '@id': _drop, ...rest } = d;
    writeDoc(state, id, { '@id': id, ...rest });
    touched.add(id);
    out.push(expandId(ctx, id));
  }
  return out;
}
