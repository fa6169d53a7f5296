import { spawnProcess, type SpawnedProcess } from './spawnProcess.js';

/** A kernel in its own process (as in production), on a free port, with its data in `dataDir`. */
export function spawnKernel(dataDir: string): Promise<SpawnedProcess> {
  return spawnProcess('kernel/main.ts', { KERNEL_PORT: '0', KERNEL_DATA_DIR: dataDir });
}
