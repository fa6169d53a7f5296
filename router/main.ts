/**
 * The router process: env → one validated config → `createRouter` → listen. Drains on SIGTERM/SIGINT.
 * `SUPERGRAPH=supergraph.graphql PORT=4000 npx tsx router/main.ts`
 */
import { createEventBus, createLogger, eventBusConfigFromEnv, serve } from '../lib/index.js';
import { ConfigError, configFromEnv, createRouter, DEV_SECRETS_FILE, loadOrCreateDevSecrets } from './index.js';

const logger = createLogger('router');

async function main(): Promise<void> {
  let dev: Awaited<ReturnType<typeof loadOrCreateDevSecrets>> | undefined;
  const { router: config, listen, devSecret } = await configFromEnv(process.env, async () => (dev = await loadOrCreateDevSecrets()));
  const bus = await createEventBus(eventBusConfigFromEnv(), { name: 'router', onError: (err) => logger.warn({ err }, 'event bus') });
  const router = await createRouter(config, { logger, bus });
  const served = await serve(router.handler, { raw: router.raw, port: listen.port, host: listen.host, drainMs: listen.drainMs, onError: (err) => logger.error({ err }, 'handler failed') });
  served.server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/graphql') router.upgrade(req, socket, head);
    else socket.destroy();
  });
  logger.info({ url: `${served.url}/graphql`, schema: router.state(), auth: { required: config.auth.required } }, 'router listening');
  if (devSecret && dev !== undefined) {
    logger.warn({ file: DEV_SECRETS_FILE, jwtSecret: dev.jwtSecret }, 'dev mode: HS256 secret generated; mint a token with npx tsx router/cli/token.ts --sub alice --scopes read,write');
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    void served
      .close()
      .then(() => router.close())
      .then(() => bus.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) logger.fatal(`configuration: ${err.message}`);
  else logger.fatal({ err }, 'router failed to start');
  process.exit(1);
});
