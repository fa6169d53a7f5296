export { createServiceGraphQLHandler } from './createServiceGraphQLHandler.js';
export { keyedObjectTypes } from './keyedObjectTypes.js';
export { serviceDateTime, serviceJSON } from './serviceScalars.js';
export { accessDirectives, withEntityBlock } from './entityBlock.js';
