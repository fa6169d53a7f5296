/** Starts the audit subgraph and its commit relay: `AUDIT_PORT=4004 ROUTER_IDENTITY_KEY=... NATS_URL=... tsx subgraphs/audit/main.ts`. */
import { createEventBus, createLogger, createMetrics, serve, Terminus } from '../../lib/index.js';
import { auditConfigFromEnv, AuditConfigError, type AuditConfig } from './config.js';
import { createAuditSubgraph } from './createAuditSubgraph.js';
import { CommitRelay } from './relay/CommitRelay.js';

const logger = createLogger('audit');
let config: AuditConfig;
try {
  config = auditConfigFromEnv();
} catch (err) {
  if (err instanceof AuditConfigError) {
    logger.fatal(err.message);
    process.exit(2);
  }
  throw err;
}
if (config.bus.kind === 'memory') logger.warn('NATS_URL is not set: events stay in this process (in-memory bus)');
const metrics = createMetrics('audit');
const terminus = new Terminus(config.terminus);
const bus = await createEventBus(config.bus, { name: 'audit', onError: (err) => logger.warn({ err }, 'event bus') });
const relay = config.relay
  ? new CommitRelay({
      terminus,
      bus,
      logger: logger.child({ part: 'relay' }),
      metrics,
      pollMs: config.pollMs,
      maxChanges: config.maxChanges,
      ...(config.crashAfterPublish ? { afterPublish: () => process.exit(137) } : {}),
    })
  : undefined;
relay?.start();
const handler = createAuditSubgraph({ terminus, identityKey: config.identityKey, bus, logger, metrics, ...(relay === undefined ? {} : { relay }) });
const served = await serve(handler, { port: config.port, host: config.host, onError: (err) => logger.error({ err }, 'unhandled error') });
logger.info({ url: served.url, bus: bus.kind, relay: relay !== undefined }, 'audit subgraph listening');
console.log(JSON.stringify({ url: served.url }));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'draining');
    void (async () => {
      await served.close();
      await relay?.stop();
      await bus.close();
      process.exit(0);
    })();
  });
}
