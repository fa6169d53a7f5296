/** Starts the core subgraph: `CORE_PORT=4001 ROUTER_IDENTITY_KEY=... TERMINUSDB_URL=... tsx subgraphs/core/main.ts`. */
import { createLogger, serve, Terminus } from '../../lib/index.js';
import { coreConfigFromEnv, CoreConfigError } from './config.js';
import { createCoreSubgraph } from './createCoreSubgraph.js';
import { nudger } from './write/nudger.js';

const logger = createLogger('core');
let config;
try {
  config = coreConfigFromEnv();
} catch (err) {
  if (err instanceof CoreConfigError) {
    logger.fatal(err.message);
    process.exit(2);
  }
  throw err;
}
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
const served = await serve(handler, { raw: handler.raw, port: config.port, host: config.host, onError: (err) => logger.error({ err }, 'unhandled error') });
logger.info({ url: served.url }, 'core subgraph listening');
console.log(JSON.stringify({ url: served.url }));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'draining');
    void served.close().then(() => process.exit(0));
  });
}
