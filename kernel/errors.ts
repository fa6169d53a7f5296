import type { JsonObject } from './types.js';

/** `api:status` values and their HTTP codes (§1.4). */
export const API_STATUS = {
  'api:success': 200,
  'api:failure': 400,
  'api:unauthorized': 401,
  'api:forbidden': 403,
  'api:not_found': 404,
  'api:conflict': 409,
  'api:server_error': 500,
} as const;
export type ApiStatus = keyof typeof API_STATUS;

/**
 * A TerminusDB API error. The endpoint wraps it in its own envelope `@type`
 * (`api:InsertDocumentErrorResponse`, ...) and adds `api:request_id`; `error` is the `api:error`
 * object, e.g. `{"@type":"api:DocumentNotFound","api:document_id":"Person/x"}`.
 */
export class ApiError extends Error {
  readonly status: ApiStatus;
  readonly error: JsonObject | undefined;
  /** Extra top-level fields of the envelope (rare: `api:witnesses` of ApplyError, `system:object`). */
  readonly extra: JsonObject | undefined;
  /** Overrides the endpoint's envelope `@type` (`null` = no `@type` at all). */
  readonly envelopeType: string | null | undefined;
  /** Overrides the HTTP status derived from `status` (the 401 body says `api:failure`). */
  readonly httpStatusOverride: number | undefined;
  /** Whether the envelope gets `api:request_id` (and `api:trace_id`); default true. */
  readonly withRequestId: boolean;

  constructor(
    status: ApiStatus,
    message: string,
    error?: JsonObject,
    options: {
      extra?: JsonObject;
      envelopeType?: string | null;
      httpStatus?: number;
      withRequestId?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.extra = options.extra;
    this.envelopeType = options.envelopeType;
    this.httpStatusOverride = options.httpStatus;
    this.withRequestId = options.withRequestId ?? true;
  }

  get httpStatus(): number {
    return this.httpStatusOverride ?? API_STATUS[this.status];
  }
}

/** 400 `api:SchemaCheckFailure` with witnesses (§9.1). */
export function schemaCheckFailure(witnesses: readonly JsonObject[]): ApiError {
  return new ApiError('api:failure', 'Schema check failure', {
    '@type': 'api:SchemaCheckFailure',
    'api:witnesses': [...witnesses],
  });
}

/** 400 with `api:error` of the given `@type` and details. */
export function badRequest(type: string, message: string, details: JsonObject = {}): ApiError {
  return new ApiError('api:failure', message, { '@type': type, ...details });
}

export function notFound(type: string, message: string, details: JsonObject = {}): ApiError {
  return new ApiError('api:not_found', message, { '@type': type, ...details });
}

export function missingParameter(name: string): ApiError {
  return badRequest('api:MissingParameter', `Missing parameter: ${name}`, { 'api:parameter': name });
}
