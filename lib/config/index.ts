export { ConfigError, envFlag, envInteger, type ConfigErrorClass } from './env.js';
