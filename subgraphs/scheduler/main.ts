/** Starts the scheduler subgraph and its engine: `SCHEDULER_PORT=4003 ROUTER_IDENTITY_KEY=... NATS_URL=... tsx subgraphs/scheduler/main.ts`. */
import { configOrExit, createEventBus, createLogger, createMetrics, DEAD_LETTER_STREAM, DEFAULT_STREAMS, drainOnSignals, listenService, SCHEDULER_WORK_STREAM, Terminus } from '../../lib/index.js';
import { schedulerConfigFromEnv, SchedulerConfigError } from './config.js';
import { createSchedulerSubgraph } from './createSchedulerSubgraph.js';
import { systemClock } from './engine/Clock.js';
import { Scheduler } from './engine/Scheduler.js';
import { SchedulerStore } from './store/SchedulerStore.js';

const logger = createLogger('scheduler');
const config = configOrExit(logger, schedulerConfigFromEnv, SchedulerConfigError);
if (config.bus.kind === 'memory') logger.warn('NATS_URL is not set: the work queue is in this process (in-memory bus); run one scheduler only, queued runs do not survive a restart');
const metrics = createMetrics('scheduler');
const terminus = new Terminus(config.terminus);
const bus = await createEventBus(config.bus, { name: 'scheduler', streams: [...DEFAULT_STREAMS, SCHEDULER_WORK_STREAM, DEAD_LETTER_STREAM], onError: (err) => logger.warn({ err }, 'event bus') });
const store = new SchedulerStore(terminus);
const scheduler = new Scheduler({
  store,
  bus,
  logger,
  clock: systemClock,
  kindDeps: { terminus, embeddingUrl: config.embeddingUrl, identityKey: config.identityKey, snapshotDir: config.snapshotDir },
  concurrency: config.concurrency,
  ackWaitMs: config.ackWaitMs,
  reloadMs: config.reloadMs,
  runRetentionMs: config.runRetentionMs,
  worker: config.worker,
  cron: config.triggers,
  triggers: config.triggers,
  metrics,
});
// Wait for TerminusDB (svc-scheduler and its schema are created on first start).
for (let attempt = 1; ; attempt++) {
  try {
    await store.ensure();
    break;
  } catch (err) {
    logger.warn({ err, attempt }, 'TerminusDB not ready for the scheduler; retrying');
    await new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** Math.min(attempt, 6))));
  }
}
await scheduler.start();
const handler = createSchedulerSubgraph({ store, scheduler, identityKey: config.identityKey, bus, logger, metrics });
const served = await listenService(handler, { name: 'scheduler', port: config.port, host: config.host, logger, fields: { bus: bus.kind, worker: config.worker, triggers: config.triggers } });
drainOnSignals(logger, [() => served.close(), () => scheduler.stop(), () => bus.close(), () => terminus.close()]);
