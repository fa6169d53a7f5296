import type { Context } from '../schema/index.js';
import type { Snapshot } from '../store/Store.js';
import type { JsonObject } from '../types.js';
import type { Frames } from './frames.js';
import type { DerivedCache } from './indexes/DerivedCache.js';
import type { MutationState } from './mutation/state.js';

/** A document (or an embedded subdocument) being resolved. */
export interface Node {
  /** Contracted id. */
  readonly id: string;
  /** Stored form (top-level document or the embedded subdocument object). */
  readonly doc: JsonObject;
  /** The owning node of an embedded subdocument. */
  readonly parent?: Node | undefined;
}

/** Per-request state handed to every resolver as the GraphQL context value. */
export interface RequestContext {
  readonly snapshot: Snapshot;
  readonly frames: Frames;
  readonly iri: Context;
  /** Database key of the derived-index cache. */
  readonly db: string;
  readonly cache: DerivedCache;
  /** `_id` and mutation results as contracted ids (true) or full IRIs (false). */
  readonly compressIds: boolean;
  /** The request's variables as sent (their key order gives `orderBy` order). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Present for requests that may run mutations. */
  readonly mutation: MutationState | undefined;
  /**
   * Per-request memo of path results by source node (the snapshot is immutable, so a path from
   * the same node reaches the same nodes: a list and its count evaluate it once). Absent: no memo.
   */
  readonly paths?: WeakMap<Node, Map<string, Node[]>> | undefined;
}

/** The node of a stored link value (id string) or embedded subdocument object. */
export function nodeOf(rc: RequestContext, value: unknown, parent?: Node): Node | undefined {
  if (typeof value === 'string') {
    const doc = rc.snapshot.getDoc('instance', value);
    return doc === undefined ? undefined : { id: value, doc };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const doc = value as JsonObject;
    const id = doc['@id'];
    if (typeof id === 'string') return { id, doc, parent };
  }
  return undefined;
}

/** The contracted class of a node. */
export function typeOfNode(node: Node): string | undefined {
  const t = node.doc['@type'];
  return typeof t === 'string' ? t : undefined;
}
