import type { BacklinkRef, CommitRecord, DocChange, GraphType, JsonObject, LinkRef } from '../types.js';
import type { Snapshot } from '../store/Store.js';
import { buildModel } from './model/build.js';
import type { SchemaModel } from './model/types.js';

interface Entry {
  doc: JsonObject | null;
  type?: string;
  links?: readonly LinkRef[];
}

/**
 * A writable view over a snapshot: the post-write state a plan validates against. Keeps every
 * change in order, so the plan's `changes` fall out of it.
 */
export class Overlay implements Snapshot {
  readonly commit: CommitRecord;
  context: JsonObject;
  contextChanged = false;
  readonly cleared = new Set<GraphType>();
  private readonly graphs: Record<GraphType, Map<string, Entry>> = { instance: new Map(), schema: new Map() };
  private cachedModel: SchemaModel | undefined;

  constructor(readonly base: Snapshot) {
    this.commit = base.commit;
    this.context = base.context;
  }

  /** The schema model of the current state (rebuilt after schema changes). */
  model(): SchemaModel {
    if (!this.cachedModel) {
      const docs: JsonObject[] = [];
      for (const id of this.ids('schema')) {
        const d = this.getDoc('schema', id);
        if (d && id !== '@context') docs.push(d);
      }
      this.cachedModel = buildModel(this.context, docs);
    }
    return this.cachedModel;
  }

  setContext(doc: JsonObject): void {
    this.context = doc;
    this.contextChanged = true;
    this.cachedModel = undefined;
  }

  /** Drops every document of a graph (full replace / nuke). */
  clear(graph: GraphType): void {
    this.cleared.add(graph);
    this.graphs[graph].clear();
    if (graph === 'schema') this.cachedModel = undefined;
  }

  set(graph: GraphType, id: string, doc: JsonObject | null, type?: string, links?: readonly LinkRef[]): void {
    const m = this.graphs[graph];
    m.delete(id);
    const entry: Entry = { doc };
    if (type !== undefined) entry.type = type;
    if (links !== undefined) entry.links = links;
    m.set(id, entry);
    if (graph === 'schema') this.cachedModel = undefined;
  }

  /** True when the id was written or deleted in this overlay. */
  touched(graph: GraphType, id: string): boolean {
    return this.graphs[graph].has(id);
  }

  getDoc(graph: GraphType, id: string): JsonObject | undefined {
    const e = this.graphs[graph].get(id);
    if (e) return e.doc ?? undefined;
    if (this.cleared.has(graph)) return undefined;
    return this.base.getDoc(graph, id);
  }

  has(graph: GraphType, id: string): boolean {
    return this.getDoc(graph, id) !== undefined;
  }

  typeOf(id: string): string | undefined {
    const e = this.graphs.instance.get(id);
    if (e) return e.doc ? (e.type ?? (typeof e.doc['@type'] === 'string' ? e.doc['@type'] : 'sys:JSONDocument')) : undefined;
    if (this.cleared.has('instance')) return undefined;
    return this.base.typeOf(id);
  }

  count(graph: GraphType): number {
    let n = 0;
    for (const _ of this.ids(graph)) n++;
    return n;
  }

  *ids(graph: GraphType, types?: readonly string[]): Iterable<string> {
    const m = this.graphs[graph];
    const want = types ? new Set(types) : undefined;
    const ok = (id: string): boolean => !want || want.has(this.typeOf(id) ?? '');
    if (!this.cleared.has(graph)) {
      for (const id of this.base.ids(graph, types)) {
        const e = m.get(id);
        if (e && !e.doc) continue;
        if (e && !ok(id)) continue;
        yield id;
      }
    }
    const fresh: string[] = [];
    for (const [id, e] of m) {
      if (!e.doc) continue;
      if (!this.cleared.has(graph) && this.base.has(graph, id)) continue;
      if (ok(id)) fresh.push(id);
    }
    fresh.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
    yield* fresh;
  }

  *backlinks(target: string): Iterable<BacklinkRef> {
    const m = this.graphs.instance;
    if (!this.cleared.has('instance')) {
      for (const b of this.base.backlinks(target)) if (!m.has(b.source)) yield b;
    }
    for (const [source, e] of m) {
      if (!e.doc) continue;
      for (const l of e.links ?? []) if (l.target === target) yield { source, prop: l.prop };
    }
  }

  changedIds(_other: Snapshot, graph: GraphType): Iterable<string> {
    return this.graphs[graph].keys();
  }

  /** The changes in write order. */
  changes(): DocChange[] {
    const out: DocChange[] = [];
    for (const graph of ['schema', 'instance'] as const) {
      for (const [id, e] of this.graphs[graph]) {
        if (!e.doc && (this.cleared.has(graph) || !this.base.has(graph, id))) continue;
        const c: { graph: GraphType; id: string; doc: JsonObject | null; type?: string; links?: readonly LinkRef[] } = {
          graph, id, doc: e.doc,
        };
        if (graph === 'instance' && e.doc) {
          if (e.type !== undefined) c.type = e.type;
          c.links = e.links ?? [];
        }
        out.push(c);
      }
    }
    return out;
  }
}
