/** The audit subgraph (with its relay) as a child process: `tsx subgraphs/audit/main.ts`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { signedHeaders } from './harness.js';

export interface AuditProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<number | string>;
  nudge(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts the process and waits for its `{"url":...}` line. */
export async function startAuditProcess(env: Record<string, string>, key: string): Promise<AuditProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/audit/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', AUDIT_PORT: '0', ROUTER_IDENTITY_KEY: key, ...env },
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
    void exited.then((code) => reject(new Error(`audit process exited (${code}) before listening:\n${stderr}`)));
  });
  return {
    url,
    child,
    exited,
    async nudge() {
      await fetch(`${url}/nudge`, { method: 'POST', headers: signedHeaders(key) }).catch(() => undefined);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
