import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A child process that announced itself with a JSON line on stdout. */
export interface Service<T> {
  readonly info: T;
  readonly child: ChildProcess;
  /** CPU seconds (user + system) the process has used so far, from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Spawns `tsx <script>` with `env` and waits for the first stdout JSON line that has `key` (and that
 * `accept` takes, e.g. to skip log lines carrying the same key).
 */
export async function spawnService<T>(
  script: string,
  env: Record<string, string>,
  key: string,
  nodeArgs: readonly string[] = [],
  accept: (message: Record<string, unknown>) => boolean = () => true,
): Promise<Service<T>> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as Record<string, unknown>;
        if (msg[key] !== undefined && accept(msg)) resolve(msg as T);
      } catch {
        // not JSON
      }
    });
  });
  const ticks = 100; // USER_HZ on Linux
  return {
    info,
    child,
    cpuSeconds() {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
