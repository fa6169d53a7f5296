import { SignJWT } from 'jose';

/** Options of {@link mintDevToken}. */
export interface DevTokenOptions {
  readonly secret: string;
  readonly sub: string;
  readonly scopes: readonly string[];
  /** Default `terminus-supergraph`. */
  readonly issuer?: string;
  /** Default `terminus-supergraph`. */
  readonly audience?: string;
  /** Lifetime, seconds (default 3,600). */
  readonly expiresInSec?: number;
}

/** Mints an HS256 token for development and tests (the router's dev default key). */
export function mintDevToken(o: DevTokenOptions): Promise<string> {
  return new SignJWT({ scope: o.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.sub)
    .setIssuer(o.issuer ?? 'terminus-supergraph')
    .setAudience(o.audience ?? 'terminus-supergraph')
    .setIssuedAt()
    .setExpirationTime(`${o.expiresInSec ?? 3600}s`)
    .sign(new TextEncoder().encode(o.secret));
}
