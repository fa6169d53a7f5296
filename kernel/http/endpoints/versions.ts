import { badRequest } from '../../errors.js';
import type { Snapshot, Store } from '../../store/index.js';
import type { DatabaseRecord, Json } from '../../types.js';

/**
 * Resolves a version argument of diff/apply (§8.2): a data version (`branch:<id>`,
 * `commit:<id>`), a bare commit id, or a branch name.
 */
export function resolveVersion(store: Store, db: DatabaseRecord, ref: Json | undefined): Snapshot {
  if (typeof ref === 'string' && ref !== '') {
    const m = /^(?:branch|commit):(.+)$/.exec(ref);
    const id = m?.[1] ?? ref;
    if (store.getCommit(db, id) !== undefined) return store.snapshot(db, id);
    if (m === null) {
      const head = store.branches(db).get(ref);
      if (head !== undefined) return store.snapshot(db, head);
    }
  }
  throw badRequest('api:NotValidRefError', `Not a valid ref: ${JSON.stringify(ref)}`, { 'api:ref': ref ?? null });
}
