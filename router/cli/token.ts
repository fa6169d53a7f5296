/**
 * Mints a dev token for the router's HS256 key:
 * `npx tsx router/cli/token.ts --sub alice --scopes read,write,pii:read [--ttl 3600]`
 * The secret comes from `JWT_SECRET`, `--secret`, or the dev secrets file the router writes.
 */
import { parseArgs } from 'node:util';
import { loadOrCreateDevSecrets, mintDevToken } from '../index.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'dev' },
    scopes: { type: 'string', default: 'read' },
    ttl: { type: 'string', default: '3600' },
    secret: { type: 'string' },
    issuer: { type: 'string' },
    audience: { type: 'string' },
  },
});
const secret = values.secret ?? process.env['JWT_SECRET'] ?? (await loadOrCreateDevSecrets()).jwtSecret;
const token = await mintDevToken({
  secret,
  sub: values.sub,
  scopes: values.scopes.split(',').map((s) => s.trim()).filter(Boolean),
  expiresInSec: Number(values.ttl),
  issuer: values.issuer ?? process.env['JWT_ISSUER'] ?? 'terminus-supergraph',
  audience: values.audience ?? process.env['JWT_AUDIENCE'] ?? 'terminus-supergraph',
});
console.log(token);
