import { kernelConfigFromEnv, KernelConfigError } from './config.js';
import { startKernel } from './server.js';

/** `npm run kernel`: the kernel alone, configured from the environment. */
async function main(): Promise<void> {
  let config;
  try {
    config = kernelConfigFromEnv();
  } catch (err) {
    if (err instanceof KernelConfigError) {
      console.error(`kernel: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const kernel = await startKernel(config);
  console.log(
    JSON.stringify({ msg: 'kernel listening', url: kernel.url, dataDir: config.dataDir ?? ':memory:', user: config.adminUser }),
  );
  const stop = (signal: string): void => {
    console.log(JSON.stringify({ msg: 'kernel stopping', signal }));
    void kernel.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
