import { randomUUID } from 'node:crypto';
import type { ApiError } from '../errors.js';
import type { Json, JsonObject } from '../types.js';

/** What an endpoint returns; the handler writes it. */
export interface KernelResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (serialised), a prepared string, or nothing. */
  readonly json?: Json;
  readonly text?: string;
  readonly contentType?: string;
}

export const JSON_TYPE = 'application/json; charset=UTF-8';

export function ok(json: Json, headers?: Record<string, string>): KernelResponse {
  return headers === undefined ? { status: 200, json } : { status: 200, json, headers };
}

/** `api:trace_id` from a W3C traceparent header (`00-<32 hex>-<16 hex>-<2 hex>`). */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const m = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(traceparent?.trim() ?? '');
  return m?.[1]?.toLowerCase();
}

/** TerminusDB's structured error envelope (§1.4) for an ApiError raised by an endpoint. */
export function errorResponse(
  err: ApiError,
  endpointType: string,
  traceparent: string | undefined,
): KernelResponse {
  const body: JsonObject = {};
  const type = err.envelopeType === undefined ? endpointType : err.envelopeType;
  if (type !== null) body['@type'] = type;
  body['api:status'] = err.status;
  if (err.error !== undefined) body['api:error'] = err.error;
  if (err.message !== '') body['api:message'] = err.message;
  if (err.extra !== undefined) Object.assign(body, err.extra);
  if (err.withRequestId) {
    body['api:request_id'] = randomUUID();
    const trace = traceIdOf(traceparent);
    if (trace !== undefined) body['api:trace_id'] = trace;
  }
  return { status: err.httpStatus, json: body };
}

/** 500 for anything unexpected; details are logged, never sent. */
export function internalError(): KernelResponse {
  return {
    status: 500,
    json: {
      '@type': 'api:UnhandledErrorResponse',
      'api:status': 'api:server_error',
      'api:message': 'An internal server error occurred. Please contact the administrator.',
      'api:error': { '@type': 'api:InternalServerError' },
    },
  };
}
