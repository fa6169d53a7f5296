import { IDENTITY_HEADER, signIdentity } from '../../../lib/index.js';
import { checkAborted, field, PermanentError, type JobKind } from './JobKind.js';

/** Payload of `reembed`: a branch, optionally only some types; `force` re-embeds unchanged documents. */
export interface ReembedPayload {
  readonly branch: string;
  readonly types?: readonly string[];
  readonly force: boolean;
}

interface Line {
  readonly progress?: { done?: unknown; total?: unknown };
  readonly result?: unknown;
  readonly error?: { code?: unknown; message?: unknown };
}

/**
 * `reembed`: `POST <EMBEDDING_SERVICE_URL>/reembed` with a signed identity: the run's user and scopes
 * and `{branch, types?, force}`; the answer is NDJSON: `{"progress":{done,total}}` lines, then one
 * `{"result":…}` or `{"error":{code,message}}`. Cancel aborts the request.
 */
export const reembedKind: JobKind<ReembedPayload> = {
  name: 'reembed',
  parse(p) {
    field.only(p, ['branch', 'types', 'force']);
    const types = field.optionalStrings(p, 'types');
    return { branch: field.string(p, 'branch', 'main'), ...(types === undefined ? {} : { types }), force: field.boolean(p, 'force', false) };
  },
  async run(ctx) {
    const { deps } = ctx;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/x-ndjson' };
    // The run's user with the scopes recorded for it (the caller's for manual runs, the job owner's at
    // createJob for cron and on-commit runs): the embedding service checks them as for a router call.
    if (deps.identityKey !== null) headers[IDENTITY_HEADER] = signIdentity({ sub: ctx.user, scopes: [...ctx.scopes], client: 'scheduler' }, deps.identityKey);
    const response = await fetch(`${deps.embeddingUrl}/reembed`, { method: 'POST', headers, body: JSON.stringify(ctx.payload), signal: ctx.signal });
    if (!response.ok || response.body === null) {
      const text = await response.text().catch(() => '');
      const message = `embedding service answered ${response.status}: ${text.slice(0, 300)}`;
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentError(message, 'REEMBED_REJECTED');
      throw new Error(message);
    }
    const decoder = new TextDecoder();
    let buffered = '';
    const handle = (text: string): { done: true; value: unknown } | undefined => {
      if (text.trim() === '') return undefined;
      const line = JSON.parse(text) as Line;
      if (line.progress !== undefined) {
        const done = Number(line.progress.done);
        const total = line.progress.total === undefined || line.progress.total === null ? null : Number(line.progress.total);
        if (Number.isFinite(done)) ctx.progress({ done, total: total !== null && Number.isFinite(total) ? total : null });
        return undefined;
      }
      if (line.error !== undefined) throw new Error(`${String(line.error.code ?? 'REEMBED_FAILED')}: ${String(line.error.message ?? 'failed')}`);
      if ('result' in line) return { done: true, value: line.result };
      return undefined;
    };
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      checkAborted(ctx.signal);
      buffered += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const out = handle(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        if (out !== undefined) return out.value;
      }
    }
    const last = handle(buffered + decoder.decode());
    if (last !== undefined) return last.value;
    checkAborted(ctx.signal);
    throw new Error('the embedding service closed the answer without a result');
  },
};
