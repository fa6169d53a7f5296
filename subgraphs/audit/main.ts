/** Starts the audit subgraph and its commit relay: `AUDIT_PORT=4004 ROUTER_IDENTITY_KEY=... NATS_URL=... tsx subgraphs/audit/main.ts`. */
import { configOrExit, createEventBus, createLogger, createMetrics, drainOnSignals, listenService, Terminus } from '../../lib/index.js';
import { auditConfigFromEnv, AuditConfigError } from './config.js';
import { createAuditSubgraph } from './createAuditSubgraph.js';
import { CommitRelay } from './relay/CommitRelay.js';

const logger = createLogger('audit');
const config = configOrExit(logger, auditConfigFromEnv, AuditConfigError);
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
const served = await listenService(handler, { name: 'audit', port: config.port, host: config.host, logger, fields: { bus: bus.kind, relay: relay !== undefined } });
drainOnSignals(logger, [() => served.close(), () => relay?.stop(), () => bus.close()]);
