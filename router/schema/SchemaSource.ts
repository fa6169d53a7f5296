import { stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { IDENTITY_HEADER, signIdentity, type Logger } from '../../lib/index.js';
import type { SupergraphSourceConfig } from '../config/RouterConfig.js';
import type { RouterMetrics } from '../ops/routerMetrics.js';
import { composeFromSubgraphs, loadSupergraphSdl, watchedFiles } from './loadSupergraphSdl.js';
import { buildSchemaGeneration, schemaHash, type SchemaGeneration } from './SchemaGeneration.js';

/** What a reload did. */
export type ReloadOutcome =
  | { readonly status: 'loaded'; readonly id: string }
  | { readonly status: 'unchanged'; readonly id: string }
  | { readonly status: 'failed'; readonly error: string; readonly id?: string };

/**
 * Holds the current schema generation and replaces it on reload. A failed load (unreadable file,
 * composition errors, invalid supergraph) keeps the last good generation. Requests capture the
 * generation they started with, so a swap never disturbs them.
 */
export class SchemaSource implements AsyncDisposable {
  #current: SchemaGeneration | undefined;
  #lastError: string | undefined;
  #timers: NodeJS.Timeout[] = [];
  #fingerprint = '';
  #loading: Promise<ReloadOutcome> = Promise.resolve({ status: 'failed', error: 'not loaded yet' });
  readonly #listeners = new Set<(g: SchemaGeneration) => void>();

  constructor(
    readonly config: SupergraphSourceConfig,
    readonly metrics: RouterMetrics,
    readonly logger: Logger,
    /** Key of the identity signed into `_service { sdl }` polls (subgraphs answer 403 to unsigned calls). */
    readonly identityKey?: string,
  ) {}

  /** The generation new requests use (undefined until the first successful load). */
  get current(): SchemaGeneration | undefined {
    return this.#current;
  }

  /** The error of the last failed load, if the last load failed. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Called after every swap. */
  onSwap(listener: (g: SchemaGeneration) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Loads now (from `sdl` if given, else from the configured source); loads never overlap. */
  reload(sdl?: string): Promise<ReloadOutcome> {
    this.#loading = this.#loading.then(() => this.#load(() => (sdl !== undefined ? Promise.resolve(sdl) : loadSupergraphSdl(this.config))));
    return this.#loading;
  }

  async #load(read: () => Promise<string>): Promise<ReloadOutcome> {
    let sdl: string;
    try {
      sdl = await read();
      if (this.#current !== undefined && schemaHash(sdl) === this.#current.id) {
        this.metrics.schemaLoads.inc({ outcome: 'unchanged' });
        return { status: 'unchanged', id: this.#current.id };
      }
      const generation = buildSchemaGeneration(sdl);
      const previous = this.#current?.id;
      this.#current = generation;
      this.#lastError = undefined;
      this.metrics.schemaLoads.inc({ outcome: 'loaded' });
      this.logger.info({ schema: generation.id, previous, subgraphs: generation.subgraphs.map((s) => s.name) }, 'supergraph loaded');
      for (const l of this.#listeners) l(generation);
      return { status: 'loaded', id: generation.id };
    } catch (err) {
      const error = (err as Error).message;
      this.#lastError = error;
      this.metrics.schemaLoads.inc({ outcome: 'failed' });
      this.logger.error({ err: error, keeping: this.#current?.id }, 'supergraph load failed; keeping the last good schema');
      return this.#current !== undefined ? { status: 'failed', error, id: this.#current.id } : { status: 'failed', error };
    }
  }

  /** Starts watching the file(s) and, if configured, polling the subgraphs' SDL. */
  async watch(): Promise<void> {
    if (this.config.watchIntervalMs > 0 && this.config.sdl === undefined) {
      this.#fingerprint = await this.#stat();
      const t = setInterval(() => {
        void this.#stat().then((fp) => {
          if (fp === this.#fingerprint) return;
          this.#fingerprint = fp;
          void this.reload();
        });
      }, this.config.watchIntervalMs);
      t.unref();
      this.#timers.push(t);
    }
    if (this.config.pollSubgraphsMs > 0) {
      let polling = false;
      const t = setInterval(() => {
        const subgraphs = this.#current?.subgraphs;
        if (subgraphs === undefined || polling) return; // one poll at a time
        polling = true;
        const key = this.identityKey;
        const headers = (): Record<string, string> =>
          key === undefined ? {} : { [IDENTITY_HEADER]: signIdentity({ sub: 'router', scopes: [], traceId: randomBytes(16).toString('hex') }, key) };
        this.#loading = this.#loading.then(() => this.#load(() => composeFromSubgraphs(subgraphs, Math.min(5_000, Math.max(1_000, this.config.pollSubgraphsMs)), headers)));
        void this.#loading.finally(() => (polling = false));
      }, this.config.pollSubgraphsMs);
      t.unref();
      this.#timers.push(t);
    }
  }

  async #stat(): Promise<string> {
    const files = await watchedFiles(this.config).catch(() => []);
    const parts = await Promise.all(files.map((f) => stat(f).then((s) => `${f}:${s.mtimeMs}:${s.size}`, () => `${f}:missing`)));
    return parts.join('|');
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    await this.#loading.catch(() => undefined);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
