export { kernelConfigFromEnv, KernelConfigError, type KernelConfig } from './config.js';
export { ApiError } from './errors.js';
export { createKernelHandler } from './http/createKernelHandler.js';
export { startKernel, type KernelOptions, type RunningKernel } from './server.js';
export { openStore, type Store } from './store/index.js';
export type { CommitRecord, DatabaseRecord, GraphType, Json, JsonObject } from './types.js';
