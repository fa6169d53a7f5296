import type { ConfigErrorClass } from '../config/index.js';
import type { Logger } from '../log/index.js';

/**
 * A process's configuration from `read`; on a configuration mistake (an `Err`) logs its message as
 * fatal and exits with code 2. Anything else is rethrown (a bug, not a mistake).
 */
export function configOrExit<C>(logger: Logger, read: () => C, Err: ConfigErrorClass): C {
  try {
    return read();
  } catch (err) {
    if (err instanceof Err) {
      logger.fatal(err.message);
      process.exit(2);
    }
    throw err;
  }
}
