import { NatsEventBus } from '../../lib/index.js';
import { busContract } from './bus.contract.js';
import { startNatsServer } from './natsServer.js';

busContract('NATS JetStream', async () => {
  const server = await startNatsServer();
  return { open: (streams) => NatsEventBus.connect({ servers: server.url, streams }), close: () => server.close() };
});
