import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../../../lib/index.js';
import type { EmbeddingEngine } from './EmbeddingEngine.js';

/**
 * Registers the engine's metrics on a process registry, read at scrape time:
 * `embedding_documents_indexed{branch,index}`, `embedding_documents_embedded_total`,
 * `embedding_documents_removed_total`, `embedding_events_handled_total`, `embedding_failures_total`,
 * `embedding_provider_seconds_total` (time spent in the provider).
 */
export function registerEngineMetrics(engine: EmbeddingEngine, metrics: Metrics): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'embedding_documents_indexed',
    help: 'Documents in the vector index, per branch and index kind',
    labelNames: ['branch', 'index'] as const,
    registers,
    collect() {
      this.reset();
      for (const b of engine.indexSizes()) this.set({ branch: b.branch, index: b.kind }, b.size);
    },
  });
  const total = (name: string, help: string, read: () => number): void => {
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  };
  total('embedding_documents_embedded_total', 'Documents embedded since start', () => engine.stats.embedded);
  total('embedding_documents_removed_total', 'Documents removed from the index since start', () => engine.stats.removed);
  total('embedding_events_handled_total', 'Commit events with embeddable changes handled since start', () => engine.stats.events);
  total('embedding_failures_total', 'Failed attempts (provider or TerminusDB), retried with backoff', () => engine.stats.failures);
  total('embedding_provider_seconds_total', 'Seconds spent in the embedding provider', () => engine.stats.embedSeconds);
}
