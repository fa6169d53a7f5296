import { createLogger, type CommitEvent, type Logger, type Terminus } from '../../../lib/index.js';
import type { Embedder } from '../providers/Embedder.js';
import type { EmbedPlan } from '../plan/EmbedPlan.js';
import type { EmbeddingRecord, RecordStore } from '../records/RecordStore.js';
import { branchHead, changedBetween, commitsAfter, readClass, readDocuments, type SourceDocument } from '../source/sourceDocuments.js';
import { branchDir, loadIndex } from '../vectors/indexFiles.js';
import { VectorIndex, type VectorHit } from '../vectors/VectorIndex.js';
import { BranchMissingError, type BranchStatus, type Failure, type Progress, type ReembedOptions, type SyncResult } from './engineTypes.js';
import { IndexSaver } from './IndexSaver.js';
import { planSync, type ToEmbed } from './syncPlan.js';

export { BranchMissingError, type BranchStatus, type Failure, type Progress, type ReembedOptions, type SyncResult } from './engineTypes.js';

/** Dependencies of the engine. */
export interface EmbeddingEngineOptions {
  readonly terminus: Terminus;
  readonly embedder: Embedder;
  readonly plan: EmbedPlan;
  readonly records: RecordStore;
  /** Branches kept in step (supergraph names). */
  readonly branches: readonly string[];
  /** Index files (one folder per branch). */
  readonly dataDir: string;
  /** Exact below, HNSW at or above this many vectors (default 20 000). */
  readonly hnswThreshold?: number;
  /** Delay before a changed index is written to disk (ms, default 2 000; see `IndexSaver`). */
  readonly saveDelayMs?: number;
  readonly logger?: Logger;
}

/** Texts embedded per step (progress and cancellation granularity). */
const EMBED_CHUNK = 64;
/** Records per commit in a whole-branch run. */
const RECORDS_PER_COMMIT = 1_000;

interface BranchState {
  index: VectorIndex;
  /** Newest processed commit (in memory; persisted with the next records write). */
  commit: string | null;
  lastSyncedAt: string | null;
  queue: Promise<unknown>;
  saver: IndexSaver;
}

/**
 * Keeps one vector index per branch in step with the database: commit events (`handleEvent`),
 * whole-branch runs (`reembed`: backfill, scheduler jobs, repair), searches. Work on a branch is
 * serialised; vectors go to the index first, then the records are written (one commit per event),
 * so a crash in between is repaired at the next start (records and index are compared).
 */
export class EmbeddingEngine {
  readonly embedder: Embedder;
  readonly plan: EmbedPlan;
  readonly branches: readonly string[];
  readonly #o: EmbeddingEngineOptions;
  readonly #log: Logger;
  readonly #state = new Map<string, BranchState>();
  #failure: Failure | undefined;
  #closed = false;
  /** Running totals since start (for `/metrics`). */
  readonly stats = { embedded: 0, removed: 0, events: 0, failures: 0, embedSeconds: 0 };

  constructor(options: EmbeddingEngineOptions) {
    this.#o = options;
    this.embedder = options.embedder;
    this.plan = options.plan;
    this.branches = options.branches;
    this.#log = options.logger ?? createLogger('embedding');
  }

  /**
   * Loads the records and each branch's index from disk, then repairs: index entries without a
   * matching record are dropped, records without a current vector are embedded again, and the
   * commits since each branch's cursor are caught up (diff). A branch never seen is embedded whole.
   */
  async open(options: { repair?: boolean } = {}): Promise<void> {
    await this.#o.records.open();
    for (const branch of this.branches) {
      const loaded = await loadIndex(branchDir(this.#o.dataDir, branch), this.embedder.dimensions, this.#indexOptions());
      const index = loaded ?? new VectorIndex(this.embedder.dimensions, this.#indexOptions());
      this.#state.set(branch, {
        index,
        commit: this.#o.records.cursor(branch) ?? null,
        lastSyncedAt: null,
        queue: Promise.resolve(),
        saver: new IndexSaver(branchDir(this.#o.dataDir, branch), index, {
          delayMs: this.#o.saveDelayMs ?? 2_000,
          onError: (err) => this.#log.error({ err, branch }, 'saving the index failed'),
        }),
      });
    }
    if (options.repair !== false) for (const branch of this.branches) await this.repair(branch);
  }

  /** Compares index and records of a branch, re-embeds what is missing or stale, catches up since the cursor. */
  repair(branch: string, author = 'system@embedding'): Promise<SyncResult> {
    return this.#exclusive(branch, async () => {
      const state = this.#branch(branch);
      const records = this.#o.records.records(branch);
      let dropped = 0;
      for (const e of [...state.index.entries()]) {
        const r = records.get(e.id);
        if (r === undefined || r.contentHash !== e.hash || r.model !== e.model) {
          state.index.remove(e.id);
          dropped++;
        }
      }
      if (dropped > 0) this.#dirty(branch);
      const head = await branchHead(this.#o.terminus, branch);
      if (head === undefined) return { embedded: 0, skipped: 0, removed: 0, commit: null };
      const cursor = state.commit;
      if (cursor === null) return this.#wholeBranch(branch, head, { author });
      let ids: string[];
      try {
        ids = cursor === head ? [] : (await changedBetween(this.#o.terminus, cursor, head)).map((c) => c.id);
      } catch (err) {
        this.#log.warn({ err, branch, cursor }, 'cannot diff since the cursor: embedding the whole branch');
        return this.#wholeBranch(branch, head, { author });
      }
      const missing = [...records.values()].filter((r) => state.index.entry(r.document) === undefined || r.model !== this.embedder.model).map((r) => r.document);
      const wanted = [...new Set([...ids, ...missing])];
      const result = await this.#syncIds(branch, head, wanted, { author, message: `[embedding] repair ${branch} at ${head}`, cursor: head });
      this.#log.info({ branch, head, dropped, ...result }, 'repaired');
      return result;
    });
  }

  /** Handles one commit event of a kept branch (others are ignored): embeds, updates, removes. */
  async handleEvent(event: CommitEvent): Promise<void> {
    if (!this.#state.has(event.branch)) return;
    await this.#exclusive(event.branch, async () => {
      const state = this.#branch(event.branch);
      const relevant = event.changes.filter((c) => this.plan.classes.has(c.type) || state.index.entry(c.id) !== undefined);
      if (!event.truncated && relevant.length === 0) {
        state.commit = event.commit;
        return;
      }
      const head = (await branchHead(this.#o.terminus, event.branch)) ?? event.commit;
      if (event.truncated) {
        await this.#wholeBranch(event.branch, head, { author: 'system@embedding', cursor: event.commit });
        state.commit = event.commit;
        return;
      }
      const result = await this.#syncIds(event.branch, head, relevant.map((c) => c.id), {
        author: 'system@embedding',
        message: `[embedding] ${event.kind === 'reset' ? 'reset' : 'commit'} ${event.commit} on ${event.branch}`,
        cursor: event.commit,
      });
      state.commit = event.commit;
      this.stats.events++;
      this.#log.debug({ branch: event.branch, event: event.commit, ...result }, 'commit embedded');
    });
    this.#failure = undefined;
  }

  /** Records a failure being retried (shown by `embeddingStatus`). */
  recordFailure(err: unknown, attempts: number): void {
    this.stats.failures++;
    this.#failure = { message: err instanceof Error ? err.message : String(err), at: new Date().toISOString(), attempts };
    this.#log.warn({ err, attempts }, 'embedding failed; retrying with backoff');
  }

  /** Embeds a whole branch again (only changed documents unless `force`): backfill and scheduler jobs. */
  reembed(options: ReembedOptions): Promise<SyncResult> {
    if (!this.#state.has(options.branch)) return Promise.reject(new Error(`branch ${options.branch} is not kept in step`));
    return this.#exclusive(options.branch, async () => {
      const head = await branchHead(this.#o.terminus, options.branch);
      if (head === undefined) throw new BranchMissingError(options.branch);
      return this.#wholeBranch(options.branch, head, options);
    });
  }

  /** Embeds a query text. */
  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    const [v] = await this.embedder.embed([text], signal);
    if (v === undefined) throw new Error('the provider returned no vector');
    return v;
  }

  /** The `k` documents closest to `vector` on a branch. */
  search(branch: string, vector: Float32Array, k: number, filter: { types?: ReadonlySet<string>; exclude?: string } = {}): VectorHit[] {
    return this.#branch(branch).index.search(vector, k, filter);
  }

  /** The vector of an indexed document. */
  vectorOf(branch: string, id: string): Float32Array | undefined {
    return this.#branch(branch).index.vector(id);
  }

  /** The index of a branch (tests, benchmarks). */
  index(branch: string): VectorIndex {
    return this.#branch(branch).index;
  }

  /** Documents indexed and index kind per branch, without reading TerminusDB (for `/metrics`). */
  indexSizes(): { branch: string; size: number; kind: 'exact' | 'hnsw' }[] {
    return [...this.#state].map(([branch, s]) => ({ branch, size: s.index.size, kind: s.index.kind }));
  }

  /** Status of every branch; `commitsBehind` reads the log (at most 1,000 commits counted). */
  async status(): Promise<{ branches: BranchStatus[]; lastError: Failure | null }> {
    const branches = await Promise.all(
      this.branches.map(async (branch): Promise<BranchStatus> => {
        const s = this.#branch(branch);
        let behind = 0;
        try {
          behind = await commitsAfter(this.#o.terminus, branch, s.commit);
        } catch {
          behind = 0;
        }
        return { branch, documentsIndexed: s.index.size, commit: s.commit, commitsBehind: behind, index: s.index.kind, lastSyncedAt: s.lastSyncedAt };
      }),
    );
    return { branches, lastError: this.#failure ?? null };
  }

  /** Writes every changed index to disk now. */
  async flush(): Promise<void> {
    for (const s of this.#state.values()) await s.saver.flush({ close: this.#closed });
  }

  /** Waits for running work, saves the indexes, closes the provider. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#state.values()].map((s) => s.queue.catch(() => undefined)));
    await this.flush();
    await this.embedder.close?.();
  }

  async #wholeBranch(branch: string, head: string, options: Omit<ReembedOptions, 'branch'> & { cursor?: string }): Promise<SyncResult> {
    const state = this.#branch(branch);
    const types = options.types === undefined ? undefined : new Set(options.types);
    const classes = [...this.plan.classes.values()].filter((c) => types === undefined || types.has(c.type));
    const docs = new Map<string, SourceDocument | undefined>();
    for (const cls of classes) for await (const page of readClass(this.#o.terminus, head, cls.class, options.signal)) for (const d of page) docs.set(d['@id'], d);
    // Indexed documents of these classes that are gone.
    for (const e of state.index.entries()) if ((types === undefined || types.has(e.type)) && !docs.has(e.id)) docs.set(e.id, undefined);
    for (const r of this.#o.records.records(branch).values()) if ((types === undefined || types.has(r.type)) && !docs.has(r.document)) docs.set(r.document, undefined);
    return this.#sync(branch, head, docs, {
      author: options.author ?? 'system@embedding',
      message: `[embedding] ${options.force === true ? 're-embed' : 'sync'} ${branch} at ${head}${types === undefined ? '' : ` (${[...types].join(', ')})`}`,
      // Only a run over every class brings the whole branch up to `head`.
      ...(types === undefined ? { cursor: options.cursor ?? head } : {}),
      ...(options.force === undefined ? {} : { force: options.force }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
  }

  async #syncIds(branch: string, head: string, ids: readonly string[], options: { author: string; message: string; cursor: string }): Promise<SyncResult> {
    const found = await readDocuments(this.#o.terminus, head, [...new Set(ids)]);
    const docs = new Map<string, SourceDocument | undefined>();
    for (const id of ids) docs.set(id, found.get(id));
    return this.#sync(branch, head, docs, options);
  }

  async #sync(
    branch: string,
    head: string,
    docs: ReadonlyMap<string, SourceDocument | undefined>,
    options: { author: string; message: string; cursor?: string; force?: boolean; signal?: AbortSignal; onProgress?: (p: Progress) => void },
  ): Promise<SyncResult> {
    const state = this.#branch(branch);
    const model = this.embedder.model;
    const records = this.#o.records.records(branch);
    const plan = planSync(docs, { plan: this.plan, index: state.index, records, model, ...(options.force === undefined ? {} : { force: options.force }) });
    const total = plan.embed.length + plan.remove.length;
    let done = 0;
    options.onProgress?.({ done, total });
    const toRecord = (t: ToEmbed): EmbeddingRecord => ({ branch, document: t.id, type: t.type, model, contentHash: t.hash, commit: head, dimensions: this.embedder.dimensions });
    let pending: EmbeddingRecord[] = plan.recordOnly.map(toRecord);
    let commit: string | null = null;
    const writeRecords = async (last: boolean): Promise<void> => {
      const change = last ? { upserts: pending, removes: plan.remove, ...(options.cursor === undefined ? {} : { cursor: options.cursor }) } : { upserts: pending, removes: [] };
      const written = await this.#o.records.write(branch, change, { author: options.author, message: `${options.message}: ${plan.embed.length} embedded, ${plan.remove.length} removed` });
      if (written !== null) commit = written;
      pending = [];
    };
    for (let i = 0; i < plan.embed.length; i += EMBED_CHUNK) {
      options.signal?.throwIfAborted();
      const chunk = plan.embed.slice(i, i + EMBED_CHUNK);
      const started = performance.now();
      const vectors = await this.embedder.embed(chunk.map((t) => t.text), options.signal);
      this.stats.embedSeconds += (performance.now() - started) / 1000;
      this.stats.embedded += chunk.length;
      state.index.upsertMany(chunk.map((t) => ({ id: t.id, type: t.type, hash: t.hash, model, commit: head })), vectors);
      this.#dirty(branch);
      pending.push(...chunk.map(toRecord));
      done += chunk.length;
      options.onProgress?.({ done, total });
      if (pending.length >= RECORDS_PER_COMMIT) await writeRecords(false);
    }
    for (const id of plan.remove) state.index.remove(id);
    this.stats.removed += plan.remove.length;
    if (plan.remove.length > 0) this.#dirty(branch);
    await writeRecords(true);
    done += plan.remove.length;
    options.onProgress?.({ done, total });
    if (options.cursor !== undefined) state.commit = options.cursor;
    state.lastSyncedAt = new Date().toISOString();
    return { embedded: plan.embed.length, skipped: plan.skipped + plan.recordOnly.length, removed: plan.remove.length, commit };
  }

  #exclusive<T>(branch: string, work: () => Promise<T>): Promise<T> {
    const state = this.#branch(branch);
    const run = state.queue.catch(() => undefined).then(work);
    state.queue = run.catch(() => undefined);
    return run;
  }

  #dirty(branch: string): void {
    this.#branch(branch).saver.markDirty();
  }

  #indexOptions(): { hnswThreshold: number } {
    return { hnswThreshold: this.#o.hnswThreshold ?? 20_000 };
  }

  #branch(branch: string): BranchState {
    const s = this.#state.get(branch);
    if (s === undefined) throw new Error(`branch ${branch} is not kept in step`);
    return s;
  }
}
