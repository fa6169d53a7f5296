import type { Node, RequestContext } from '../context.js';
import { eachEmbedded, subdocumentOwnersDerivation, subdocumentOwnersKey } from '../indexes/subdocumentIndex.js';

/**
 * Every embedded subdocument of the classes `types` (exact class ids) at the request's commit: the
 * owners in document order (from the commit-consistent owner index), each walked depth-first.
 */
export function subdocumentNodes(rc: RequestContext, types: readonly string[]): Node[] {
  const owners = rc.cache.get(rc.db, subdocumentOwnersKey(types), rc.snapshot, subdocumentOwnersDerivation(types));
  const wanted = new Set(types);
  const out: Node[] = [];
  for (const id of owners.tree.values()) {
    const doc = rc.snapshot.getDoc('instance', id);
    if (doc === undefined) continue;
    eachEmbedded({ id, doc }, (n) => {
      if (wanted.has(n.doc['@type'] as string)) out.push(n);
    });
  }
  return out;
}
