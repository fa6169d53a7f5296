import type { RequestContext } from './context.js';
import type { KernelResponse } from './respond.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** One method of one endpoint. `errorType` is the envelope `@type` of its errors (§1.4). */
export interface Route {
  readonly errorType: string;
  handle(ctx: RequestContext): Promise<KernelResponse>;
}

/** An endpoint `/api/<name>/<path>`. */
export interface Endpoint {
  readonly name: string;
  /** Whether the endpoint answers without a resource path (e.g. `/api/db`, stateless `/api/diff`). */
  readonly bare?: boolean;
  /** Whether a resource path is allowed at all. */
  readonly withPath?: boolean;
  /** Whether it answers anonymous callers without checking credentials (`/api/ok`). */
  readonly noAuth?: boolean;
  readonly methods: Partial<Record<Method, Route>>;
}
