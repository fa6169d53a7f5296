import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';

/** The caller of a request. */
export interface User {
  readonly name: string;
  /** `terminusdb://system/data/User/<name>`, recorded as `user` on commits. */
  readonly iri: string;
  readonly superuser: boolean;
}

export const ANONYMOUS: User = {
  name: 'anonymous',
  iri: 'terminusdb://system/data/User/anonymous',
  superuser: false,
};

export function incorrectAuthentication(): ApiError {
  return new ApiError(
    'api:failure',
    'Incorrect authentication information',
    { '@type': 'api:IncorrectAuthenticationError' },
    { envelopeType: 'api:ErrorResponse', httpStatus: 401, withRequestId: false },
  );
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authenticates as TerminusDB does (§1.2): Basic credentials must match the admin user; a Bearer
 * token is refused (no JWT configured); no credentials → anonymous.
 */
export function authenticate(
  header: string | undefined,
  admin: { user: string; password: string },
): User {
  if (header === undefined || header.trim() === '') return ANONYMOUS;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  const kind = scheme?.toLowerCase();
  if (kind === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (same(user, admin.user) && same(password, admin.password)) {
      return { name: user, iri: `terminusdb://system/data/User/${user}`, superuser: true };
    }
    throw incorrectAuthentication();
  }
  if (kind === 'bearer') throw incorrectAuthentication();
  return ANONYMOUS;
}

/** 403 as TerminusDB words it (no `@type`). */
export function forbidden(action: string, scope: string, user: User): ApiError {
  return new ApiError(
    'api:forbidden',
    `Access to ${scope} is not authorised with action ${action} and auth ${user.iri}`,
    undefined,
    { envelopeType: null, withRequestId: false, extra: { auth: user.iri, action, scope } },
  );
}
