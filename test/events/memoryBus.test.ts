import { MemoryBroker, MemoryEventBus } from '../../lib/index.js';
import { busContract } from './bus.contract.js';

busContract('in-memory', async () => {
  const broker = new MemoryBroker();
  return { open: async (streams) => new MemoryEventBus({ broker, streams }), close: async () => {} };
});
