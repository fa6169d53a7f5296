export { asConfigError, ConfigError, envFlag, envInteger, envReaders, type ConfigErrorClass, type EnvReaders } from './env.js';
