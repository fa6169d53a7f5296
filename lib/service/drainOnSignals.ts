import type { Logger } from '../log/index.js';

/**
 * On the first SIGTERM or SIGINT: logs `draining`, runs `steps` one after the other (each awaited:
 * stop serving first, then what feeds it, then connections), then exits with code 0.
 */
export function drainOnSignals(logger: Logger, steps: readonly (() => unknown)[]): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'draining');
      void (async () => {
        for (const step of steps) await step();
        process.exit(0);
      })();
    });
  }
}
