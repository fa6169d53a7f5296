import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Development secrets, kept in a local file so the token CLI and subgraphs can share them. */
export interface DevSecrets {
  /** HS256 secret for dev tokens. */
  readonly jwtSecret: string;
  /** HMAC key of the router-signed identity. */
  readonly identityKey: string;
}

/** The default location (`.data/` is git-ignored). */
export const DEV_SECRETS_FILE = '.data/router/dev-secrets.json';

/** Reads the dev secrets, generating and saving them on first use. */
export async function loadOrCreateDevSecrets(file: string = DEV_SECRETS_FILE): Promise<DevSecrets> {
  try {
    const s = JSON.parse(await readFile(file, 'utf8')) as Partial<DevSecrets>;
    if (typeof s.jwtSecret === 'string' && typeof s.identityKey === 'string') return { jwtSecret: s.jwtSecret, identityKey: s.identityKey };
  } catch {
    // not there yet
  }
  const secrets: DevSecrets = { jwtSecret: randomBytes(32).toString('base64url'), identityKey: randomBytes(32).toString('base64url') };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
