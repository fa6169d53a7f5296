import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WOQLClient } from 'terminusdb';

/** A kernel in its own OS process (`tsx kernel/main.ts`), for tests that kill it. */
export interface KernelProcess {
  readonly url: string;
  readonly child: ChildProcess;
  client(db?: string): WOQLClient;
  /** SIGKILL, no clean-up: what a crash does. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnKernelProcess(dataDir: string): Promise<KernelProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'kernel/main.ts'], {
    env: { ...process.env, KERNEL_PORT: '0', KERNEL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kernel exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /"url":"([^"]+)"/.exec(line);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
  });
  const done = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    child,
    client(db) {
      const c = new WOQLClient(url, { user: 'admin', organization: 'admin', key: 'root' });
      if (db !== undefined) c.db(db);
      return c;
    },
    async kill9() {
      if (!done()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!done()) child.kill('SIGTERM');
      await exited;
    },
  };
}
