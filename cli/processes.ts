import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process of `npm start`, with its name for logs. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx <entry>` with `env`, forwards its output prefixed with its name, and
 * resolves once `ready(line)` returns a value for one of its stdout lines (or rejects if it exits).
 */
export async function startChild<T>(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  ready: (line: string) => T | undefined,
  options: { quiet?: boolean } = {},
): Promise<{ child: Child; value: T }> {
  const watch = new URL('./exitWithParent.ts', import.meta.url).pathname;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--import', watch, entry], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const prefix = `[${name}] `;
  createInterface({ input: proc.stderr! }).on('line', (l) => process.stderr.write(`${prefix}${l}\n`));
  const value = await new Promise<T>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const v = ready(line);
      if (v !== undefined) resolve(v);
      else if (options.quiet !== true) process.stdout.write(`${prefix}${line}\n`);
    });
  });
  const child: Child = {
    name,
    process: proc,
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return { child, value };
}

/** The `url` of a JSON log line (`{"url": ...}` or pino's `{"msg": ..., "url": ...}`). */
export function urlFromLine(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(line) as { url?: unknown };
    return typeof v.url === 'string' ? v.url : undefined;
  } catch {
    return undefined;
  }
}
