export * from './errors/index.js';
export * from './http/index.js';
export * from './identity/index.js';
export * from './log/index.js';
export * from './ops/index.js';
export * from './resilience/index.js';
export * from './terminus/index.js';
export * from './tracing/index.js';
