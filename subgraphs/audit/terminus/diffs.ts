import { type ChangeOp, type DocumentChange, refPath, type Terminus, toTerminusBranch } from '../../../lib/index.js';

/** One document's diff as TerminusDB returns it (§8.1): Insert, Delete, or a patch with `@id`. */
export type DocumentDiff = Readonly<Record<string, unknown>>;

/** A version: a commit id or a supergraph branch name. */
export type Version = { readonly commit: string } | { readonly branch: string };

/** A bare commit id or a TerminusDB branch name (`/api/diff` accepts both). */
function versionText(v: Version): string {
  return 'commit' in v ? v.commit : toTerminusBranch(v.branch);
}

/** Per-document diffs between two versions (`/api/diff` with `@id` and `@type` kept). */
export async function versionDiff(terminus: Terminus, before: Version, after: Version): Promise<DocumentDiff[]> {
  const s = terminus.settings;
  const base = refPath(s, { branch: 'main' }).replace(/\/local\/branch\/main$/, '');
  const url = `${s.url}/api/diff/${base}`;
  const client = terminus.client();
  const body = { before_data_version: versionText(before), after_data_version: versionText(after), keep: { '@id': true, '@type': true } };
  const raw = await terminus.call(() => client.sendCustomRequest('POST', url, body) as Promise<unknown>);
  return Array.isArray(raw) ? (raw as DocumentDiff[]) : [];
}

/** Every instance document at a commit, as Insert diffs (the changes of a commit without parent). */
export async function documentsAsInserts(terminus: Terminus, commit: string): Promise<DocumentDiff[]> {
  const s = terminus.settings;
  const url = `${s.url}/api/document/${refPath(s, { commit })}?as_list=true`;
  const client = terminus.client();
  const raw = await terminus.call(() => client.sendCustomRequest('GET', url) as Promise<unknown>);
  return Array.isArray(raw) ? (raw as Record<string, unknown>[]).map((doc) => ({ '@op': 'Insert', '@insert': doc })) : [];
}

/** The class of a document id when the diff does not name it (`Dataset/x` → `Dataset`). */
function typeFromId(id: string): string {
  const slash = id.indexOf('/');
  return slash > 0 ? decodeURIComponent(id.slice(0, slash)) : '';
}

/** The id, type and kind of change of one document diff. */
export function changeOf(diff: DocumentDiff): DocumentChange {
  const op = diff['@op'];
  const doc = (op === 'Insert' ? diff['@insert'] : op === 'Delete' ? diff['@delete'] : diff) as Record<string, unknown> | undefined;
  const id = String(doc?.['@id'] ?? '');
  const rawType = doc?.['@type'];
  const type = typeof rawType === 'string' ? rawType : typeFromId(id);
  const kind: ChangeOp = op === 'Insert' ? 'inserted' : op === 'Delete' ? 'deleted' : 'updated';
  return { id, type, op: kind };
}

/** The diffs of a commit against its parent (all documents as inserts for a root commit). */
export async function commitDiffs(terminus: Terminus, commit: string, parent: string | null): Promise<DocumentDiff[]> {
  return parent === null ? documentsAsInserts(terminus, commit) : versionDiff(terminus, { commit: parent }, { commit });
}
