export { json } from './json.js';
export { BodyTooLargeError, serve, toRequest, writeResponse, type FetchHandler, type RawHandler, type RawRequest, type RawResponse, type Served, type ServeOptions } from './serve.js';
