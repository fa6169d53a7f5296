export { ERROR_CODES, type ErrorCode } from './codes.js';
export { codeOf, supergraphError, type ErrorExtensions } from './SupergraphError.js';
