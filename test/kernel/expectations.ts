/** Assertion helpers shared by the kernel contract tests. */
import { expect } from 'vitest';
import type { Body, RawResponse } from './harness.js';

/** A failed request as the official client reports it: HTTP status and parsed body. */
export interface Failure {
  readonly status: number;
  readonly body: Body;
}

/** UUID shape (any version), as `api:request_id` must have. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Await a client call that must fail; resolves to its status and error body. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    const e = error as { status?: unknown; data?: unknown };
    if (typeof e.status !== 'number') throw error;
    return { status: e.status, body: e.data };
  }
  throw new Error(`expected the request to fail, it answered ${JSON.stringify(result)}`);
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'api:failure',
  401: 'api:unauthorized',
  403: 'api:forbidden',
  404: 'api:not_found',
  409: 'api:conflict',
  500: 'api:server_error',
};

/**
 * Check a structured error: HTTP status, envelope `@type`, the `api:status` matching the HTTP status,
 * and (when given) every listed field of `api:error` deep-equal to the expectation.
 */
export function expectApiError(
  res: Failure | RawResponse,
  status: number,
  envelope: string,
  error?: Readonly<Record<string, unknown>>,
): void {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { '@type': envelope, 'api:status': STATUS_TEXT[status] },
  });
  if (error !== undefined) {
    expect(res.body['api:error']).toEqual(expect.objectContaining(error));
  }
}

/** A `SchemaCheckFailure` whose witnesses are exactly `witnesses`. */
export function expectWitnesses(res: Failure | RawResponse, envelope: string, witnesses: readonly unknown[]): void {
  expectApiError(res, 400, envelope, { '@type': 'api:SchemaCheckFailure' });
  expect(res.body['api:error']['api:witnesses']).toEqual(witnesses);
}

/** A `SchemaCheckFailure` with at least one witness of the given `@type` (other fields partially). */
export function expectWitnessOfType(
  res: Failure | RawResponse,
  envelope: string,
  type: string,
  fields: Readonly<Record<string, unknown>> = {},
): void {
  expectApiError(res, 400, envelope, { '@type': 'api:SchemaCheckFailure' });
  expect(res.body['api:error']['api:witnesses']).toEqual(
    expect.arrayContaining([expect.objectContaining({ '@type': type, ...fields })]),
  );
}
