import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A kernel in its own process (as in production), on a free port. */
export async function spawnKernel(dataDir: string): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'kernel/main.ts'], {
    env: { ...process.env, KERNEL_PORT: '0', KERNEL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kernel exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string };
        if (msg.url !== undefined) resolve(msg.url);
      } catch {
        // not a JSON line
      }
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
