import { refPath, supergraphError, TerminusError, toTerminusError, type Terminus } from '../../../lib/index.js';
import type { Model } from '../manifest.js';
import type { CommitMeta } from '../write/commitMessage.js';
import { findCommitByChangeId } from '../write/findCommit.js';
import { mergeBase, SOURCE_COMMIT_TRAILER } from './history.js';
import { toTerminusBranch } from './naming.js';

type Obj = Record<string, unknown>;

/** A document changed on both sides since the branches diverged. */
export interface DocumentConflict {
  readonly id: string;
  readonly kind: 'BOTH_CHANGED' | 'CREATED_IN_BOTH' | 'DELETED_IN_SOURCE' | 'DELETED_IN_TARGET';
  readonly paths: string[];
  readonly type: string | null;
  readonly base: unknown;
  readonly source: unknown;
  readonly target: unknown;
}

/** `PromoteBranchPayload`. */
export interface PromoteResult {
  readonly source: string;
  readonly target: string;
  readonly status: 'PROMOTED' | 'UP_TO_DATE' | 'CONFLICTED';
  readonly commitId: string | null;
  readonly changedIds: string[];
  readonly conflicts: DocumentConflict[];
}

interface Change {
  readonly op: 'insert' | 'delete' | 'change';
}

function dbPath(terminus: Terminus): string {
  const s = terminus.settings;
  return `${encodeURIComponent(s.organization)}/${encodeURIComponent(s.db)}`;
}

/** Document changes between two commits (`/api/diff`), by short id. */
async function changes(terminus: Terminus, model: Model, before: string, after: string): Promise<Map<string, Change>> {
  const s = terminus.settings;
  const client = terminus.client();
  const diffs = (await terminus.call(() =>
    client.sendCustomRequest('POST', `${s.url}/api/diff/${dbPath(terminus)}`, { before_data_version: before, after_data_version: after }) as Promise<unknown>,
  )) as Obj[];
  const out = new Map<string, Change>();
  for (const d of Array.isArray(diffs) ? diffs : []) {
    const ins = d['@insert'] as Obj | undefined;
    const del = d['@delete'] as Obj | undefined;
    const id = String(d['@id'] ?? ins?.['@id'] ?? del?.['@id'] ?? '');
    if (id === '') continue;
    out.set(model.shortId(id), { op: d['@op'] === 'Insert' ? 'insert' : d['@op'] === 'Delete' ? 'delete' : 'change' });
  }
  return out;
}

/** Documents at a commit, by short id. */
async function docsAt(terminus: Terminus, model: Model, commit: string, ids: readonly string[]): Promise<Map<string, Obj>> {
  const s = terminus.settings;
  const q = new URLSearchParams({ as_list: 'true', ids: JSON.stringify(ids) });
  const client = terminus.client();
  const docs = (await terminus.call(() =>
    client.sendCustomRequest('GET', `${s.url}/api/document/${refPath(s, { commit })}?${q}`) as Promise<unknown>,
  )) as Obj[];
  return new Map((Array.isArray(docs) ? docs : []).map((d) => [model.shortId(String(d['@id'])), d]));
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function conflictOf(id: string, s: Change, t: Change, base?: Obj, source?: Obj, target?: Obj): DocumentConflict | undefined {
  const type = String(source?.['@type'] ?? target?.['@type'] ?? base?.['@type'] ?? '') || null;
  const make = (kind: DocumentConflict['kind'], paths: string[]): DocumentConflict => ({ id, kind, paths, type, base: base ?? null, source: source ?? null, target: target ?? null });
  if (s.op === 'delete' && t.op === 'delete') return undefined;
  if (s.op === 'delete') return make('DELETED_IN_SOURCE', []);
  if (t.op === 'delete') return make('DELETED_IN_TARGET', []);
  if (same(source, target)) return undefined;
  const keys = new Set([...Object.keys(source ?? {}), ...Object.keys(target ?? {})].filter((k) => k !== '@id'));
  const paths = [...keys].filter((k) => !same(source?.[k], base?.[k]) && !same(target?.[k], base?.[k]) && !same(source?.[k], target?.[k])).sort();
  if (s.op === 'insert' && t.op === 'insert') return make('CREATED_IN_BOTH', paths);
  return paths.length === 0 ? undefined : make('BOTH_CHANGED', paths);
}

/**
 * Brings the changes of `source` since it diverged from `target` onto `target` as ONE commit
 * (`/api/apply` from the merge base to the source head). Documents changed on both sides are reported
 * one by one and nothing is committed.
 */
export async function promoteBranch(terminus: Terminus, model: Model, source: string, target: string, meta: CommitMeta, heads: { source: string; target: string }): Promise<PromoteResult> {
  const result = (status: PromoteResult['status'], commitId: string | null, changedIds: string[], conflicts: DocumentConflict[]): PromoteResult => ({ source, target, status, commitId, changedIds, conflicts });
  const base = await mergeBase(terminus, source, target);
  if (base === undefined) throw supergraphError('CONFLICT', `Branches ${source} and ${target} share no history`);
  if (base === heads.source) return result('UP_TO_DATE', null, [], []);
  const sourceChanges = await changes(terminus, model, base, heads.source);
  const changedIds = [...sourceChanges.keys()];
  if (changedIds.length === 0) return result('UP_TO_DATE', null, [], []);
  if (base !== heads.target) {
    const targetChanges = await changes(terminus, model, base, heads.target);
    const both = changedIds.filter((id) => targetChanges.has(id));
    if (both.length > 0) {
      const [b, s, t] = await Promise.all([base, heads.source, heads.target].map((c) => docsAt(terminus, model, c, both)));
      const conflicts = both.flatMap((id) => conflictOf(id, sourceChanges.get(id) as Change, targetChanges.get(id) as Change, b?.get(id), s?.get(id), t?.get(id)) ?? []);
      if (conflicts.length > 0) return result('CONFLICTED', null, changedIds, conflicts);
    }
  }
  const s = terminus.settings;
  const client = terminus.client({ author: meta.author });
  try {
    await terminus.call(() =>
      client.sendCustomRequest('POST', `${s.url}/api/apply/${refPath(s, { branch: toTerminusBranch(target) })}`, {
        before_commit: base,
        after_commit: heads.source,
        commit_info: { author: meta.author, message: `${meta.message}\n${SOURCE_COMMIT_TRAILER} ${heads.source}` },
        match_final_state: true,
      }) as Promise<unknown>,
    );
  } catch (err) {
    const e = err instanceof TerminusError ? err : toTerminusError(err);
    if (e.status !== 409) throw e;
    const witnesses = (e.body as { 'api:witnesses'?: Obj[] } | undefined)?.['api:witnesses'] ?? [];
    const conflicts = witnesses.map((w): DocumentConflict => ({
      id: model.shortId(String(w['@id'] ?? w['@id_already_exists'] ?? w['@id_does_not_exists'] ?? '')),
      kind: w['@op'] === 'InsertConflict' ? 'CREATED_IN_BOTH' : w['@op'] === 'DeleteConflict' ? 'DELETED_IN_TARGET' : 'BOTH_CHANGED',
      paths: Object.keys(w).filter((k) => !k.startsWith('@')),
      type: null,
      base: null,
      source: null,
      target: w,
    }));
    return result('CONFLICTED', null, changedIds, conflicts);
  }
  const commitId = await findCommitByChangeId(terminus, target, meta.changeId, 100).catch(() => null);
  return result(commitId === null ? 'UP_TO_DATE' : 'PROMOTED', commitId, changedIds, []);
}
