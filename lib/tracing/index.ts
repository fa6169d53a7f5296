export { childTraceparent, parseTraceparent, type TraceContext } from './traceparent.js';
