import { IDENTITY_HEADER, signIdentity, type Logger } from '../../../lib/index.js';

/**
 * A fire-and-forget `POST <url>` (the audit subgraph's `/nudge`) after each write, signed as the
 * core service, so the commit relay publishes the commit at once instead of at its next poll.
 * Nudges in the same tick are coalesced; failures are logged and otherwise ignored (polling covers).
 */
export function nudger(url: string, identityKey: string | null, logger?: Logger): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      const headers: Record<string, string> = {};
      if (identityKey !== null) headers[IDENTITY_HEADER] = signIdentity({ sub: 'core', scopes: [] }, identityKey);
      fetch(url, { method: 'POST', headers, signal: AbortSignal.timeout(2_000) })
        .then((r) => r.body?.cancel())
        .catch((err: unknown) => logger?.debug({ err, url }, 'relay nudge failed'));
    });
  };
}
