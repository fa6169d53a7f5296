import { field, PayloadError, PermanentError, type JobKind } from './JobKind.js';

/** Payload of `webhook`: POST `body` (JSON) to `url`; extra `headers`. */
export interface WebhookPayload {
  readonly url: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * `webhook`: one POST per attempt with the run id as `Idempotency-Key` (a receiver can drop repeats);
 * 2xx succeeds, 408/429/5xx and network failures are retried by the job's retry policy, other 4xx
 * answers kill the run at once (retrying cannot fix them).
 */
export const webhookKind: JobKind<WebhookPayload> = {
  name: 'webhook',
  parse(p) {
    field.only(p, ['url', 'body', 'headers']);
    const url = field.string(p, 'url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PayloadError('payload.url must be an absolute http(s) URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PayloadError('payload.url must be an absolute http(s) URL');
    const headers = p['headers'] ?? {};
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
      throw new PayloadError('payload.headers must be an object of strings');
    }
    return { url, body: p['body'] ?? null, headers: headers as Record<string, string> };
  },
  async run(ctx) {
    const { url, body, headers } = ctx.payload;
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': ctx.runId, 'x-scheduler-run': ctx.runId, 'x-scheduler-attempt': String(ctx.attempt) },
      body: JSON.stringify({ job: ctx.jobId, run: ctx.runId, attempt: ctx.attempt, body }),
      signal: ctx.signal,
    });
    const text = await response.text();
    if (response.ok) return { status: response.status, body: text.slice(0, 2_000) };
    const message = `POST ${url} answered ${response.status}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500) throw new Error(message);
    throw new PermanentError(message, 'WEBHOOK_REJECTED');
  },
};
