import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who is calling, as the router vouches for it to the subgraphs. */
export interface Identity {
  /** Subject (user id); `anonymous` when no token was given. */
  readonly sub: string;
  readonly scopes: readonly string[];
  /** W3C trace id (32 hex) of the request. */
  readonly traceId?: string;
  /** Client name (`apollographql-client-name`), for operation records. */
  readonly client?: string;
}

/** The header that carries the signed identity from the router to subgraphs. */
export const IDENTITY_HEADER = 'x-supergraph-identity';

export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}

interface Payload extends Identity {
  /** Issued at, ms since epoch. */
  readonly iat: number;
}

function mac(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** `base64url(JSON payload).base64url(HMAC-SHA256)`, with the issue time inside. */
export function signIdentity(identity: Identity, key: string, now: number = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...identity, iat: now } satisfies Payload)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/**
 * Verifies a signed identity: a valid HMAC under `key` and an issue time within `maxAgeMs`
 * (default 60 s; clock skew of 5 s allowed). Throws IdentityError.
 */
export function verifyIdentity(
  header: string | null | undefined,
  key: string,
  options: { maxAgeMs?: number; now?: number } = {},
): Identity {
  if (header === null || header === undefined || header === '') throw new IdentityError('missing router identity');
  const [body, signature, extra] = header.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) throw new IdentityError('malformed router identity');
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new IdentityError('bad router identity signature');
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    throw new IdentityError('malformed router identity');
  }
  const now = options.now ?? Date.now();
  const age = now - payload.iat;
  if (!Number.isFinite(age) || age > (options.maxAgeMs ?? 60_000) || age < -5_000) throw new IdentityError('expired router identity');
  if (typeof payload.sub !== 'string' || !Array.isArray(payload.scopes)) throw new IdentityError('malformed router identity');
  return {
    sub: payload.sub,
    scopes: payload.scopes.filter((s): s is string => typeof s === 'string'),
    ...(typeof payload.traceId === 'string' ? { traceId: payload.traceId } : {}),
    ...(typeof payload.client === 'string' ? { client: payload.client } : {}),
  };
}
