import { createPublicKey, createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { supergraphError } from '../../lib/index.js';
import type { AuthConfig } from '../config/RouterConfig.js';
import { LruCache } from '../execution/LruCache.js';

/** Who is calling, after the token check. */
export interface Caller {
  readonly authenticated: boolean;
  /** `sub` claim; `anonymous` without a token. */
  readonly sub: string;
  readonly scopes: ReadonlySet<string>;
  readonly claims: Readonly<JWTPayload>;
}

/** The caller of requests without a token (when tokens are optional). */
export const ANONYMOUS: Caller = { authenticated: false, sub: 'anonymous', scopes: new Set(), claims: {} };

/** Verifies `Authorization` headers; rejects with an `UNAUTHENTICATED` GraphQL error. */
export type TokenVerifier = (authorization: string | null) => Promise<Caller>;

/** Scopes from `scope` (space-separated, RFC 8693), `scopes` or `scp` (arrays or strings). */
export function scopesOf(claims: JWTPayload): Set<string> {
  const out = new Set<string>();
  for (const name of ['scope', 'scopes', 'scp']) {
    const v = claims[name];
    const list = typeof v === 'string' ? v.split(/[\s,]+/) : Array.isArray(v) ? v : [];
    for (const s of list) if (typeof s === 'string' && s !== '') out.add(s);
  }
  return out;
}

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `token claim "${err.claim}" is invalid (${err.reason})`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not allowed';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key matches the token';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'token is malformed';
  if (err instanceof errors.JOSEError) return `token rejected (${err.code})`;
  return 'token rejected';
}

/**
 * Creates the verifier: `jose` against the configured secret, public key or JWKS, with issuer,
 * audience, expiry and the algorithm allow-list (jose never accepts `alg: none` here). Verified tokens
 * are cached until they expire.
 */
export function createTokenVerifier(config: AuthConfig, now: () => number = Date.now): TokenVerifier {
  const key: JWTVerifyGetKey | Uint8Array | ReturnType<typeof createPublicKey> | undefined =
    config.jwksUrl !== undefined
      ? createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: config.jwksCooldownMs, cacheMaxAge: config.jwksMaxAgeMs })
      : config.publicKey !== undefined
        ? createPublicKey(config.publicKey)
        : config.secret !== undefined
          ? createSecretKey(Buffer.from(config.secret, 'utf8'))
          : undefined;
  const cache = new LruCache<string, { caller: Caller; exp: number }>(10_000);
  const options = {
    algorithms: [...config.algorithms],
    clockTolerance: config.clockToleranceSec,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  const fail = (message: string): never => {
    throw supergraphError('UNAUTHENTICATED', message);
  };
  return async (authorization) => {
    if (authorization === null || authorization.trim() === '') {
      return config.required ? fail('missing token: send Authorization: Bearer <jwt>') : ANONYMOUS;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (m === null) return fail('Authorization must be "Bearer <jwt>"');
    const token = m[1] ?? '';
    const cached = cache.get(token);
    if (cached !== undefined && cached.exp > now()) return cached.caller;
    if (key === undefined) return fail('tokens are not accepted: the router has no key (set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL)');
    try {
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      const caller: Caller = { authenticated: true, sub: payload.sub ?? 'unknown', scopes: scopesOf(payload), claims: payload };
      cache.set(token, { caller, exp: payload.exp !== undefined ? payload.exp * 1000 : now() + 60_000 });
      return caller;
    } catch (err) {
      return fail(reason(err));
    }
  };
}
