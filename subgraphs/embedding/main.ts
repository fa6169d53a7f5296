/** Starts the embedding subgraph: `EMBEDDING_PORT=4002 ROUTER_IDENTITY_KEY=... NATS_URL=... tsx subgraphs/embedding/main.ts`. */
import { createEventBus, createLogger, createMetrics, serve, Terminus, type Subscription } from '../../lib/index.js';
import { embeddingConfigFromEnv, EmbeddingConfigError, type EmbeddingConfig } from './config.js';
import { createEmbeddingSubgraph } from './createEmbeddingSubgraph.js';
import { createEngine } from './createEngine.js';
import { startConsumer } from './engine/startConsumer.js';

const logger = createLogger('embedding');
let config: EmbeddingConfig;
try {
  config = embeddingConfigFromEnv();
} catch (err) {
  if (err instanceof EmbeddingConfigError) {
    logger.fatal(err.message);
    process.exit(2);
  }
  throw err;
}
if (config.bus.kind === 'memory') logger.warn('NATS_URL is not set: no commit events reach this process (in-memory bus); use /reembed or the backfill');
const metrics = createMetrics('embedding');
const terminus = new Terminus(config.terminus);
const engine = await createEngine(config, terminus, logger);
logger.info({ provider: engine.embedder.provider, model: engine.embedder.model, dimensions: engine.embedder.dimensions }, 'provider ready');
// Records and index files load before serving; the repair (catch-up since the last run) runs behind.
for (let attempt = 1; ; attempt++) {
  try {
    await engine.open({ repair: false });
    break;
  } catch (err) {
    logger.warn({ err, attempt }, 'cannot open the records (TerminusDB); retrying');
    await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
  }
}
for (const branch of config.branches) {
  void engine.repair(branch).catch((err: unknown) => {
    engine.recordFailure(err, 1);
    logger.error({ err, branch }, 'repair failed; the next commit event or a /reembed syncs the branch');
  });
}
const bus = await createEventBus(config.bus, { name: 'embedding', onError: (err) => logger.warn({ err }, 'event bus') });
let consumer: Subscription | undefined;
if (config.consumer) consumer = await startConsumer(engine, bus, { db: config.terminus.db, logger, durable: config.durable });
const handler = createEmbeddingSubgraph({ engine, terminus, identityKey: config.identityKey, bus, logger, metrics, maxQueryChars: config.maxQueryChars });
const served = await serve(handler, { port: config.port, host: config.host, onError: (err) => logger.error({ err }, 'unhandled error') });
logger.info({ url: served.url, bus: bus.kind, branches: config.branches }, 'embedding subgraph listening');
console.log(JSON.stringify({ url: served.url }));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'draining');
    void (async () => {
      await served.close();
      await consumer?.close();
      await engine.close();
      await bus.close();
      terminus.close();
      process.exit(0);
    })();
  });
}
