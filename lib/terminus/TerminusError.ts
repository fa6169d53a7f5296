/**
 * A failure answered by TerminusDB (status ≥ 400 with its JSON body), or a transport failure
 * (`status` 0: refused, reset, timed out).
 */
export class TerminusError extends Error {
  constructor(
    message: string,
    /** HTTP status, 0 when no answer came. */
    readonly status: number,
    /** TerminusDB's JSON error body, when it sent one. */
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'TerminusError';
  }

  /** `api:error.@type` of a structured TerminusDB error (e.g. `api:SchemaCheckFailure`). */
  get apiErrorType(): string | undefined {
    const e = (this.body as { 'api:error'?: { '@type'?: unknown } } | undefined)?.['api:error'];
    return typeof e?.['@type'] === 'string' ? e['@type'] : undefined;
  }

  /** Whether trying again may help (no answer, or a 5xx). */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

interface ClientError {
  status?: unknown;
  data?: unknown;
  message?: unknown;
  code?: unknown;
}

/** Normalises what the official client throws (axios-based errors with `status`/`data`). */
export function toTerminusError(err: unknown): TerminusError {
  if (err instanceof TerminusError) return err;
  const e = (err ?? {}) as ClientError;
  const status = typeof e.status === 'number' ? e.status : 0;
  let body = e.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // keep the text
    }
  }
  const apiMessage = (body as { 'api:message'?: unknown } | undefined)?.['api:message'];
  const message =
    typeof apiMessage === 'string' ? apiMessage : typeof e.message === 'string' ? e.message : 'TerminusDB request failed';
  return new TerminusError(message, status, body);
}
