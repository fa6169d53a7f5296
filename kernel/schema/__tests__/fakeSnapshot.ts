import type { BacklinkRef, CommitRecord, GraphType, JsonObject, LinkRef } from '../../types.js';
import type { Snapshot } from '../../store/Store.js';
import type { WritePlan } from '../index.js';
import { initialContext } from '../index.js';

interface Entry {
  doc: JsonObject;
  type?: string;
  links: readonly LinkRef[];
  seq: number;
}

/** A tiny immutable in-memory Snapshot for tests; `apply` returns the next one. */
export class FakeSnapshot implements Snapshot {
  readonly commit: CommitRecord;
  constructor(
    readonly context: JsonObject = initialContext(),
    private readonly graphs: Record<GraphType, Map<string, Entry>> = { instance: new Map(), schema: new Map() },
    private readonly seq = 0,
  ) {
    this.commit = { id: `c${seq}`, type: 'ValidCommit', author: 'a', message: 'm', timestamp: 0, user: 'u', seq };
  }

  getDoc(graph: GraphType, id: string): JsonObject | undefined {
    return this.graphs[graph].get(id)?.doc;
  }
  has(graph: GraphType, id: string): boolean {
    return this.graphs[graph].has(id);
  }
  typeOf(id: string): string | undefined {
    return this.graphs.instance.get(id)?.type;
  }
  count(graph: GraphType): number {
    return this.graphs[graph].size;
  }
  ids(graph: GraphType, types?: readonly string[]): Iterable<string> {
    return [...this.graphs[graph].entries()]
      .filter(([, e]) => !types || types.includes(e.type ?? ''))
      .sort(([a, x], [b, y]) => x.seq - y.seq || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id]) => id);
  }
  *backlinks(target: string): Iterable<BacklinkRef> {
    for (const [source, e] of this.graphs.instance) for (const l of e.links) if (l.target === target) yield { source, prop: l.prop };
  }
  changedIds(): Iterable<string> {
    return [];
  }

  /** The snapshot after committing a plan. */
  apply(plan: WritePlan): FakeSnapshot {
    const seq = this.seq + 1;
    const graphs: Record<GraphType, Map<string, Entry>> = {
      instance: plan.clearGraphs?.includes('instance') ? new Map() : new Map(this.graphs.instance),
      schema: plan.clearGraphs?.includes('schema') ? new Map() : new Map(this.graphs.schema),
    };
    for (const c of plan.changes) {
      const m = graphs[c.graph];
      if (!c.doc) m.delete(c.id);
      else {
        const prev = m.get(c.id);
        const e: Entry = { doc: c.doc, links: c.links ?? [], seq: prev?.seq ?? seq };
        if (c.type !== undefined) e.type = c.type;
        m.set(c.id, e);
      }
    }
    return new FakeSnapshot(plan.context ?? this.context, graphs, seq);
  }
}
