import type { JsonObject } from '../types.js';
import { schemaCheckFailure } from '../errors.js';
import type { Snapshot } from '../store/Store.js';
import { Overlay } from './overlay.js';
import { randomKey } from './ids.js';
import { planSchemaDelete, planSchemaWrite } from './planSchema.js';
import { planInstanceWrite, writeDoc } from './planInstance.js';
import { planInstanceDelete } from './planDelete.js';
import { validateDocument } from './validate.js';
import { recontract } from './recontract.js';
import { parseContext } from './iri.js';
import type { PlanOptions, WriteOp, WritePlan } from './planTypes.js';

/**
 * Plans one commit: validates and elaborates every op against the snapshot, then validates the
 * post-write state (§9). Throws ApiError exactly as TerminusDB answers; nothing is written then.
 */
export function planWrite(snapshot: Snapshot, ops: readonly WriteOp[], options: PlanOptions): WritePlan {
  const state = new Overlay(snapshot);
  const random = options.random ?? randomKey;
  const results: string[][] = [];
  const touched = new Set<string>();
  let schemaChanged = false;
  for (const op of ops) {
    if (op.graph === 'schema') {
      schemaChanged = true;
      results.push(op.kind === 'delete' ? planSchemaDelete(state, op) : planSchemaWrite(state, op));
      continue;
    }
    results.push(op.kind === 'delete' ? planInstanceDelete(state, op, touched) : planInstanceWrite(state, op, random, options.schemaless, touched));
  }
  const model = state.model();
  if (schemaChanged) {
    if (model.witnesses.length > 0) throw schemaCheckFailure(model.witnesses);
    if (state.contextChanged) rewriteForContext(snapshot, state);
    if (!options.schemaless) for (const id of state.ids('instance')) touched.add(id);
  }
  if (!options.schemaless) {
    const witnesses: JsonObject[] = [];
    for (const id of touched) {
      const doc = state.getDoc('instance', id);
      if (doc) witnesses.push(...validateDocument(model, state, doc));
    }
    if (witnesses.length > 0) throw schemaCheckFailure(witnesses);
  }
  const plan: WritePlan = { results, changes: state.changes() };
  if (state.contextChanged) plan.context = state.context;
  if (state.cleared.size > 0) plan.clearGraphs = [...state.cleared];
  return plan;
}

function rewriteForContext(snapshot: Snapshot, state: Overlay): void {
  const before = parseContext(snapshot.context);
  const after = parseContext(state.context);
  if (before.base === after.base && before.schema === after.schema && samePrefixes(before.prefixes, after.prefixes)) return;
  const oldModel = state.model();
  for (const id of [...state.ids('instance')]) {
    const doc = state.getDoc('instance', id);
    if (!doc) continue;
    const next = recontract(oldModel, doc, before, after);
    const newId = String(next['@id'] ?? id);
    if (newId !== id) state.set('instance', id, null);
    writeDoc(state, newId, next);
  }
}

function samePrefixes(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
