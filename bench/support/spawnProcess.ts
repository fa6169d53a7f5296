import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A project process started for a benchmark. */
export interface SpawnedProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <entry>` with `env` (in its own process, as in production) and resolves
 * with the URL it announces: the first stdout JSON line with a `url` that `accept` takes.
 */
export async function spawnProcess(
  entry: string,
  env: Record<string, string>,
  accept: (message: { url: string; msg?: unknown }) => boolean = () => true,
): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: unknown; msg?: unknown };
        if (typeof msg.url === 'string' && accept({ url: msg.url, msg: msg.msg })) resolve(msg.url);
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
