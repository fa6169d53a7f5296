import type { EventBus } from './EventBus.js';
import { MemoryEventBus } from './MemoryEventBus.js';
import { NatsEventBus } from './NatsEventBus.js';
import type { StreamSpec } from './streams.js';

/** Which bus to use: NATS JetStream at `url`, or in-memory (single process). */
export type EventBusConfig = { readonly kind: 'nats'; readonly url: string } | { readonly kind: 'memory' };

/**
 * The bus configuration from the environment: `NATS_URL` (`nats://host:port`, comma-separated for a
 * cluster) selects JetStream; unset or `memory` selects the in-memory bus.
 */
export function eventBusConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventBusConfig {
  const url = (env['NATS_URL'] ?? '').trim();
  if (url === '' || url === 'memory') return { kind: 'memory' };
  for (const one of url.split(',')) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s/]+/.test(one.trim())) throw new Error(`NATS_URL must be nats://host:port (comma-separated for several), or 'memory', got '${url}'`);
  }
  return { kind: 'nats', url };
}

/** Opens the configured bus (connecting to NATS and creating the streams). */
export async function createEventBus(config: EventBusConfig, options: { streams?: readonly StreamSpec[]; name?: string; onError?: (err: unknown) => void } = {}): Promise<EventBus> {
  if (config.kind === 'memory') return new MemoryEventBus(options.streams === undefined ? {} : { streams: options.streams });
  return NatsEventBus.connect({
    servers: config.url.split(',').map((s) => s.trim()),
    ...(options.streams === undefined ? {} : { streams: options.streams }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
}
