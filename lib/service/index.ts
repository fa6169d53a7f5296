export { configOrExit } from './configOrExit.js';
export { createServiceHandler, type ServiceHandlerOptions, type ServiceRoute } from './createServiceHandler.js';
export { drainOnSignals } from './drainOnSignals.js';
export { listenService, type ListenServiceOptions } from './listenService.js';
export { serviceConfigFromEnv, type ServiceConfig, type ServiceConfigOptions } from './serviceConfigFromEnv.js';
