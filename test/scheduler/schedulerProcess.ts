/** The scheduler subgraph as a child process: `tsx subgraphs/scheduler/main.ts`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { IDENTITY_HEADER, signIdentity } from '../../lib/index.js';
import { IDENTITY_KEY } from './harness.js';

export interface SchedulerProcess extends AsyncDisposable {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | string>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, user?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** SIGKILL, waits for the exit. */
  kill(): Promise<void>;
}

/** Starts the process and waits for its `{"url":...}` line. */
export async function startSchedulerProcess(env: Record<string, string>): Promise<SchedulerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/scheduler/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', SCHEDULER_PORT: '0', ROUTER_IDENTITY_KEY: IDENTITY_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-5_000)));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const v = JSON.parse(line) as { url?: string };
        if (typeof v.url === 'string') resolve(v.url);
      } catch {
        // a log line
      }
    });
    void exited.then((code) => reject(new Error(`scheduler process exited (${code}) before listening:\n${stderr}`)));
  });
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    child,
    exited,
    async gql(query, variables = {}, user = 'alice') {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: user, scopes: [] }, IDENTITY_KEY) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    kill,
    [Symbol.asyncDispose]: kill,
  };
}
