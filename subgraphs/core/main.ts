/** Starts the core subgraph: `CORE_PORT=4001 ROUTER_IDENTITY_KEY=... TERMINUSDB_URL=... tsx subgraphs/core/main.ts`. */
import { configOrExit, createLogger, drainOnSignals, listenService, Terminus } from '../../lib/index.js';
import { coreConfigFromEnv, CoreConfigError } from './config.js';
import { createCoreSubgraph } from './createCoreSubgraph.js';
import { nudger } from './write/nudger.js';

const logger = createLogger('core');
const config = configOrExit(logger, coreConfigFromEnv, CoreConfigError);
const terminus = new Terminus(config.terminus);
const handler = createCoreSubgraph({
  terminus,
  identityKey: config.identityKey,
  logger,
  headTtlMs: config.headTtlMs,
  cacheMb: config.cacheMb,
  schemaTtlMs: config.schemaTtlMs,
  ...(config.nudgeUrl === null ? {} : { afterWrite: nudger(config.nudgeUrl, config.identityKey, logger) }),
});
const served = await listenService(handler, { name: 'core', raw: handler.raw, port: config.port, host: config.host, logger });
drainOnSignals(logger, [() => served.close()]);
