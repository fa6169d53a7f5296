import type { Snapshot } from '../../store/Store.js';

/**
 * The document-order sort key of an instance document (`Snapshot.orderKey`), or the id itself
 * when the snapshot implementation has no order keys (ids then order by id).
 */
export function orderKeyOf(snapshot: Snapshot, id: string): string {
  return snapshot.orderKey?.('instance', id) ?? id;
}
