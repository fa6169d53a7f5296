export { createServiceGraphQLHandler } from './createServiceGraphQLHandler.js';
