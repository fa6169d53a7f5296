export { json } from './json.js';
export { serve, toRequest, writeResponse, type FetchHandler, type Served, type ServeOptions } from './serve.js';
