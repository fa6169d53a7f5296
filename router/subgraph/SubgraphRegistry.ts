import type { Logger } from '../../lib/index.js';
import type { SubgraphsConfig } from '../config/RouterConfig.js';
import type { RouterMetrics } from '../ops/routerMetrics.js';
import { SubgraphDataSource } from './SubgraphDataSource.js';

/**
 * The data sources of every subgraph, by name. Kept across schema swaps so connection pools and
 * breakers survive reloads; a subgraph whose URL changed gets a new source (the old one is closed
 * once its in-flight fetches have had time to finish).
 */
export class SubgraphRegistry {
  readonly #sources = new Map<string, SubgraphDataSource>();

  constructor(
    readonly config: SubgraphsConfig,
    readonly identityKey: string,
    readonly metrics: RouterMetrics,
    readonly logger: Logger,
  ) {}

  /** The sources for a generation's subgraphs (created or reused). */
  sourcesFor(subgraphs: readonly { readonly name: string; readonly url: string }[]): Record<string, SubgraphDataSource> {
    const map: Record<string, SubgraphDataSource> = Object.create(null) as Record<string, SubgraphDataSource>;
    for (const { name, url } of subgraphs) {
      let source = this.#sources.get(name);
      if (source === undefined || source.url !== url) {
        const old = source;
        if (old !== undefined) setTimeout(() => old.close(), this.config.timeoutMs + 1_000).unref();
        source = new SubgraphDataSource({
          name,
          url,
          identityKey: this.identityKey,
          timeoutMs: this.config.timeouts[name] ?? this.config.timeoutMs,
          maxSockets: this.config.maxSockets,
          dedup: this.config.dedup,
          breakerFailures: this.config.breakerFailures,
          breakerResetMs: this.config.breakerResetMs,
          metrics: this.metrics,
          logger: this.logger,
        });
        this.#sources.set(name, source);
      }
      map[name] = source;
    }
    return map;
  }

  /** Every current source. */
  all(): readonly SubgraphDataSource[] {
    return [...this.#sources.values()];
  }

  close(): void {
    for (const s of this.#sources.values()) s.close();
    this.#sources.clear();
  }
}
