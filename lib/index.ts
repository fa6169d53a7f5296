export * from './errors/index.js';
export * from './resilience/index.js';
export * from './terminus/index.js';
