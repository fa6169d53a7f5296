/** Configuration of a kernel process; every field has a default that runs on one machine. */
export interface KernelConfig {
  /** TCP port; 0 picks a free one. Env `KERNEL_PORT`, default 6363 (TerminusDB's). */
  readonly port: number;
  /** Interface to bind. Env `KERNEL_HOST`, default `127.0.0.1`. */
  readonly host: string;
  /** Data folder (SQLite file inside); undefined = in memory. Env `KERNEL_DATA_DIR`, default `.data/kernel`. */
  readonly dataDir: string | undefined;
  /** Superuser name. Env `KERNEL_ADMIN_USER`, default `admin`. */
  readonly adminUser: string;
  /** Superuser password. Env `TERMINUSDB_ADMIN_PASS` (as TerminusDB), default `root`. */
  readonly adminPassword: string;
  /** Largest request body in bytes; larger → 413. Env `KERNEL_MAX_BODY_BYTES`, default 64 MiB. */
  readonly maxBodyBytes: number;
  /** SQLite durability: `normal` survives a process crash, `full` also power loss. Env `KERNEL_SYNC`. */
  readonly sync: 'normal' | 'full';
}

export class KernelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelConfigError';
  }
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new KernelConfigError(`${name} must be an integer ≥ ${min}, got '${raw}'`);
  return n;
}

/** Reads and validates the kernel configuration from the environment. */
export function kernelConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KernelConfig {
  const sync = env['KERNEL_SYNC'] ?? 'normal';
  if (sync !== 'normal' && sync !== 'full') throw new KernelConfigError(`KERNEL_SYNC must be 'normal' or 'full', got '${sync}'`);
  const dataDir = env['KERNEL_DATA_DIR'] ?? '.data/kernel';
  const port = intFrom(env, 'KERNEL_PORT', 6363, 0);
  if (port > 65535) throw new KernelConfigError(`KERNEL_PORT must be ≤ 65535, got ${port}`);
  return {
    port,
    host: env['KERNEL_HOST'] ?? '127.0.0.1',
    dataDir: dataDir === ':memory:' ? undefined : dataDir,
    adminUser: env['KERNEL_ADMIN_USER'] ?? 'admin',
    adminPassword: env['TERMINUSDB_ADMIN_PASS'] ?? 'root',
    maxBodyBytes: intFrom(env, 'KERNEL_MAX_BODY_BYTES', 64 * 1024 * 1024, 1),
    sync,
  };
}
