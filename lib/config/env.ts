/** A configuration mistake, with what to set. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The error a process's configuration reader throws (its own subclass, so its main can tell it apart). */
export type ConfigErrorClass = new (message: string) => Error;

/** `env[name]` as an integer in [min, max]; `fallback` when unset or empty; else throws `Err` naming the variable. */
export function envInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, Err: ConfigErrorClass = ConfigError): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Err(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** `env[name]` as `true`/`false`; `fallback` when unset or empty; anything else throws `Err`. */
export function envFlag(env: NodeJS.ProcessEnv, name: string, fallback: boolean, Err: ConfigErrorClass = ConfigError): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Err(`${name} must be true or false, got ${JSON.stringify(raw)}`);
  return raw === 'true';
}

/** Runs `read` (another part's reader, e.g. lib's `terminusSettingsFromEnv`) and throws whatever it throws as `Err` with the same message. */
export function asConfigError<T>(Err: ConfigErrorClass, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new Err((err as Error).message);
  }
}

/** `envInteger` and `envFlag` bound to one process's config error class. */
export interface EnvReaders {
  integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number;
  flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean;
}

/** {@link EnvReaders} throwing `Err`: `const { integer, flag } = envReaders(AuditConfigError)`. */
export function envReaders(Err: ConfigErrorClass): EnvReaders {
  return {
    integer: (env, name, fallback, min, max) => envInteger(env, name, fallback, min, max, Err),
    flag: (env, name, fallback) => envFlag(env, name, fallback, Err),
  };
}
