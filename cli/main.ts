import { kernelConfigFromEnv, KernelConfigError, startKernel } from '../kernel/index.js';

/**
 * The `supergraph` command. `start` runs everything on embedded defaults; today that is the
 * Data-Kernel (unless TERMINUSDB_URL points at a real TerminusDB).
 */
async function start(): Promise<void> {
  const external = process.env['TERMINUSDB_URL'];
  if (external !== undefined && external !== '') {
    console.log(JSON.stringify({ msg: 'using external TerminusDB', url: external }));
    return;
  }
  const config = kernelConfigFromEnv();
  const kernel = await startKernel(config);
  console.log(`Data-Kernel (TerminusDB API) listening on ${kernel.url}  — user ${config.adminUser}, data ${config.dataDir ?? ':memory:'}`);
  const stop = (): void => {
    void kernel.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const COMMANDS: Record<string, () => Promise<void>> = { start };

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'start'] = argv;
  const run = COMMANDS[command];
  if (run === undefined) {
    console.error(`supergraph: unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(', ')}`);
    process.exit(2);
  }
  try {
    await run();
  } catch (err) {
    if (err instanceof KernelConfigError) {
      console.error(`supergraph: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

void main(process.argv.slice(2));
