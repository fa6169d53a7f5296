/**
 * A real nats-server (JetStream, file store) for tests: started on a free loopback port with a
 * temporary store folder; can be stopped, killed with SIGKILL and restarted on the same port and
 * store, so tests can prove what survives a broker restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running (or stopped) nats-server owned by a test. */
export interface NatsServer extends AsyncDisposable {
  /** `nats://127.0.0.1:<port>` — stays the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** JetStream store folder (kept across restarts, removed by `close()`). */
  readonly storeDir: string;
  /** Graceful stop (SIGTERM), waits for the exit. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL), waits for the exit. */
  kill(): Promise<void>;
  /** Starts again on the same port and store (after stop/kill). */
  start(): Promise<void>;
  /** Stops the server and removes its store. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts `nats-server -js` on a free loopback port with a fresh temporary store. */
export async function startNatsServer(): Promise<NatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'nats-js-'));
  let child: ChildProcess | undefined;
  let log = '';

  const exited = (c: ChildProcess): Promise<void> =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((resolve) => c.once('exit', () => resolve()));

  const start = async (): Promise<void> => {
    if (child !== undefined) throw new Error('nats-server already running');
    const c = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    c.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    child = c;
    c.once('exit', () => {
      if (child === c) child = undefined;
    });
    try {
      await waitFor(async () => c.exitCode === null && (await portOpen(port)), 15_000, `nats-server on ${port}`);
      await waitFor(async () => log.includes('Server is ready'), 15_000, 'nats-server ready');
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${log}`);
    }
  };
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    const c = child;
    if (c === undefined) return;
    log = '';
    c.kill(sig);
    await exited(c);
    child = undefined;
  };
  const close = async (): Promise<void> => {
    await signal('SIGKILL');
    rmSync(storeDir, { recursive: true, force: true });
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
    close,
    [Symbol.asyncDispose]: close,
  };
}
