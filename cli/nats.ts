import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import type { Child } from './processes.js';

/** Whether a `nats-server` binary is on PATH (Debian package `nats-server`). */
export function natsServerAvailable(): boolean {
  return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts a local nats-server with JetStream (file store in `storeDir`) on `port` for `npm start`,
 * and waits until it accepts connections.
 */
export async function startNatsServer(port: number, storeDir: string): Promise<{ child: Child; url: string }> {
  mkdirSync(storeDir, { recursive: true });
  // Under cli/supervise.ts with the exitWithParent preload: nats-server stops with `npm start`, even
  // when the orchestrator is SIGKILLed (nats-server itself cannot notice its parent going away).
  const watch = new URL('./exitWithParent.ts', import.meta.url).pathname;
  const supervise = new URL('./supervise.ts', import.meta.url).pathname;
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  const proc = spawn(process.execPath, ['--import', 'tsx', '--import', watch, supervise, 'nats-server', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`nats-server exited with code ${proc.exitCode} (port ${port} in use?)`);
    if (await portOpen(port)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const child: Child = {
    name: 'nats',
    process: proc,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await exited;
    },
  };
  return { child, url: `nats://127.0.0.1:${port}` };
}
