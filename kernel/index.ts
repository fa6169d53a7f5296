export { kernelConfigFromEnv, KernelConfigError, type KernelConfig } from './config.js';
export { ApiError } from './errors.js';
export { createGraphQLEngine, type GraphQLEngine } from './graphql/index.js';
export { createKernelHandler } from './http/createKernelHandler.js';
export { startKernel, type KernelOptions, type RunningKernel } from './server.js';
export { HeadMovedError, openStore, type Snapshot, type Store } from './store/index.js';
export type { CommitRecord, DatabaseRecord, DocChange, GraphType, Json, JsonObject } from './types.js';
