import { supergraphError, TerminusError, type Identity, type Terminus } from '../../../lib/index.js';
import { commitDiffs, type DocumentDiff } from '../terminus/diffs.js';

/** What lives as long as the handler: shared by every request. */
export interface AuditRuntime {
  readonly terminus: Terminus;
  /** Diffs of commits against their parents (immutable, so cached by commit id). */
  diffsOf(commit: string, parent: string | null): Promise<DocumentDiff[]>;
}

/** Per-request context. */
export interface AuditContext {
  readonly runtime: AuditRuntime;
  readonly identity: Identity;
}

/** The runtime with a bounded diff cache (`size` commits, default 500). */
export function createAuditRuntime(terminus: Terminus, size = 500): AuditRuntime {
  const cache = new Map<string, Promise<DocumentDiff[]>>();
  return {
    terminus,
    diffsOf(commit, parent) {
      const hit = cache.get(commit);
      if (hit !== undefined) return hit;
      const p = commitDiffs(terminus, commit, parent);
      cache.set(commit, p);
      p.catch(() => cache.delete(commit));
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return p;
    },
  };
}

/** Maps TerminusDB failures to catalogued errors (`notFound` for a 404). */
export function terminusFailure(err: unknown, notFound: 'BRANCH_NOT_FOUND' | 'COMMIT_NOT_FOUND' = 'BRANCH_NOT_FOUND'): never {
  if (err instanceof TerminusError) {
    if (err.transient) throw supergraphError('TERMINUSDB_UNAVAILABLE', 'TerminusDB does not answer');
    if (err.status === 404) throw supergraphError(notFound, err.message);
    if (err.status === 400) throw supergraphError('BAD_USER_INPUT', err.message);
  }
  throw err;
}
