import { createHash } from 'node:crypto';
import type { Store } from '../../store/index.js';
import type { CommitRecord, DatabaseRecord, JsonObject } from '../../types.js';

/** A commit as a document of the `_commits` graph (§7.1). */
export function commitDocument(c: CommitRecord): JsonObject {
  const doc: JsonObject = {
    '@id': `${c.type}/${c.id}`,
    '@type': c.type,
    author: c.author,
    identifier: c.id,
    message: c.message,
    timestamp: c.timestamp,
    user: c.user,
  };
  if (c.parent !== undefined) doc['parent'] = `ValidCommit/${c.parent}`;
  return doc;
}

/**
 * Documents of `{org}/{db}/local/_commits`: `Branch` documents (client `getBranches()`) and the
 * commits reachable from any branch, newest first.
 */
export function commitsGraphDocuments(store: Store, db: DatabaseRecord, type: string | undefined): JsonObject[] {
  const out: JsonObject[] = [];
  const wantBranches = type === undefined || type === 'Branch';
  const wantCommits = type === undefined || type === 'ValidCommit' || type === 'Commit' || type === 'InitialCommit';
  const branches = store.branches(db);
  if (wantBranches) {
    for (const [name, head] of branches) {
      const c = store.getCommit(db, head);
      out.push({ '@id': `Branch/${encodeURIComponent(name)}`, '@type': 'Branch', head: `${c?.type ?? 'ValidCommit'}/${head}`, name });
    }
  }
  if (wantCommits) {
    const seen = new Set<string>();
    for (const head of branches.values()) {
      for (const c of store.history(db, head)) {
        if (seen.has(c.id)) break;
        seen.add(c.id);
        if (type === undefined || type === 'Commit' || c.type === type) out.push(commitDocument(c));
      }
    }
  }
  return out;
}

/** The `_meta` graph: the repository record (no remotes in this kernel). */
export function metaGraphDocuments(): JsonObject[] {
  return [{ '@id': 'Local', '@type': 'Local', name: 'local' }];
}

/** A version of the repository graph: changes whenever a branch is created, moved or deleted. */
export function repositoryVersion(store: Store, db: DatabaseRecord): string {
  const h = createHash('sha1');
  for (const [name, head] of store.branches(db)) h.update(`${name}\0${head}\0`);
  return h.digest('hex');
}
