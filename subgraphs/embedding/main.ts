/** Starts the embedding subgraph: `EMBEDDING_PORT=4002 ROUTER_IDENTITY_KEY=... NATS_URL=... tsx subgraphs/embedding/main.ts`. */
import { configOrExit, createEventBus, createLogger, createMetrics, drainOnSignals, listenService, Terminus, type Subscription } from '../../lib/index.js';
import { embeddingConfigFromEnv, EmbeddingConfigError } from './config.js';
import { createEmbeddingSubgraph } from './createEmbeddingSubgraph.js';
import { createEngine } from './createEngine.js';
import { startConsumer } from './engine/startConsumer.js';

const logger = createLogger('embedding');
const config = configOrExit(logger, embeddingConfigFromEnv, EmbeddingConfigError);
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
const served = await listenService(handler, { name: 'embedding', port: config.port, host: config.host, logger, fields: { bus: bus.kind, branches: config.branches } });
drainOnSignals(logger, [() => served.close(), () => consumer?.close(), () => engine.close(), () => bus.close(), () => terminus.close()]);
