import type { DocumentNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import type { CoreContext } from '../context.js';
import type { Model } from '../manifest.js';
import type { LruCache } from './LruCache.js';
import type { ResolvedRef } from './ReadSession.js';

const { Kind } = graphql;

/** A cached answer body and the commits it was read at. */
export interface CachedResponse {
  /** Every ref the operation resolved, with the commit it resolved to. */
  readonly refs: readonly ResolvedRef[];
  /** The JSON text of the answer (`{"data":…}`, no errors). */
  readonly body: string;
}

/**
 * Whole answers of read-only operations, keyed by the operation text, name and variables, and
 * valid for the commits their refs resolved to. A query's answer is a function of its document,
 * variables and those commits (cursors carry their commit; data at a commit never changes), so
 * a hit is served when every ref still resolves to the same commit (a branch head through the
 * head cache, which this subgraph's writes invalidate; a commit to itself). Only operations whose
 * root fields are all commit-keyed reads (`one`/`many` root fields, `_entities`, `__typename`)
 * and answers without errors are kept.
 */
export class ResponseCache {
  readonly #reads: ReadonlySet<string>;
  readonly #cacheable = new WeakMap<OperationDefinitionNode, boolean>();
  /** Hits whose refs had moved on (served by executing again). */
  stale = 0;

  constructor(
    readonly lru: LruCache<CachedResponse>,
    model: Model,
  ) {
    this.#reads = new Set(Object.entries(model.manifest.query).filter(([, f]) => f.operation === 'one' || f.operation === 'many').map(([name]) => name));
  }

  /** Whether answers of `op` may be cached (decided once per parsed operation). */
  cacheable(document: DocumentNode, op: OperationDefinitionNode): boolean {
    if (!this.lru.enabled || op.operation !== 'query') return false;
    let ok = this.#cacheable.get(op);
    if (ok === undefined) {
      ok = this.#onlyReads(document, op.selectionSet, new Set());
      this.#cacheable.set(op, ok);
    }
    return ok;
  }

  #onlyReads(document: DocumentNode, set: SelectionSetNode, visited: Set<string>): boolean {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name !== '__typename' && name !== '_entities' && !this.#reads.has(name)) return false;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!this.#onlyReads(document, sel.selectionSet, visited)) return false;
      } else {
        const name = sel.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const frag = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
        if (frag?.kind !== Kind.FRAGMENT_DEFINITION || !this.#onlyReads(document, frag.selectionSet, visited)) return false;
      }
    }
    return true;
  }

  /** The cached body when every ref of the cached answer resolves to the same commit again. */
  async lookup(key: string, ctx: CoreContext): Promise<string | undefined> {
    const hit = this.lru.get(key);
    if (hit === undefined) return undefined;
    for (const r of hit.refs) {
      let commit: string | undefined;
      try {
        commit = await ctx.reads.resolveRef(r.ref);
      } catch {
        commit = undefined;
      }
      if (commit !== r.commit) {
        this.stale++;
        this.lru.stats.hits--;
        this.lru.stats.misses++;
        return undefined;
      }
    }
    return hit.body;
  }

  /** Keeps the answer of an operation that ran without errors. */
  store(key: string, ctx: CoreContext, body: string): void {
    this.lru.set(key, { refs: [...ctx.reads.resolved], body }, body.length + key.length);
  }
}
