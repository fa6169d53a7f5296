import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { KernelConfig } from './config.js';
import { createKernelHandler } from './http/createKernelHandler.js';
import { openStore, type Store } from './store/index.js';

export interface KernelOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Folder for the SQLite file; undefined = in memory. */
  readonly dataDir?: string | undefined;
  readonly adminUser?: string;
  readonly adminPassword?: string;
  readonly maxBodyBytes?: number;
  readonly sync?: KernelConfig['sync'];
  /** Called with unexpected errors (they answer 500). Default: log to stderr. */
  readonly onError?: (err: unknown) => void;
}

/** A listening kernel. `close()` drains connections and closes the store. */
export interface RunningKernel extends AsyncDisposable {
  /** `http://host:port` — what `TERMINUSDB_URL` would be. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  close(): Promise<void>;
}

export const KERNEL_DB_FILE = 'kernel.sqlite';

/** Opens the store and starts the HTTP server. */
export async function startKernel(options: KernelOptions = {}): Promise<RunningKernel> {
  const dataDir = options.dataDir;
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const store = openStore({
    ...(dataDir === undefined ? {} : { path: join(dataDir, KERNEL_DB_FILE) }),
    sync: options.sync ?? 'normal',
  });
  const handler = createKernelHandler({
    store,
    settings: {
      adminUser: options.adminUser ?? 'admin',
      adminPassword: options.adminPassword ?? 'root',
      maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    },
    onError: options.onError ?? ((err) => console.error('[kernel] unexpected error', err)),
  });
  const server: Server = createServer({ keepAliveTimeout: 65_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => {
        store[Symbol.dispose]();
        resolve();
      });
      server.closeIdleConnections();
    }));
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    close,
    [Symbol.asyncDispose]: close,
  };
}
