import { pino, type Logger } from 'pino';

export type { Logger };

/** A JSON logger (pino) for one process; level from `LOG_LEVEL` (default `info`, `silent` in tests). */
export function createLogger(name: string, level: string = process.env['LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info')): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
