import { ConfigError } from '../config/index.js';
import type { TerminusSettings } from './Terminus.js';


/**
 * TerminusDB settings from the environment, shared by every process:
 * `TERMINUSDB_URL` (default `http://127.0.0.1:6363`, the embedded kernel), `TERMINUSDB_USER` /
 * `TERMINUSDB_PASS` (default `admin` / `root`), `TERMINUSDB_ORG` (default: the user),
 * `TERMINUSDB_DB` (default `supergraph`).
 */
export function terminusSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TerminusSettings {
  const url = (env['TERMINUSDB_URL'] ?? '').trim() || 'http://127.0.0.1:6363';
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(`TERMINUSDB_URL must be an http(s) URL such as http://127.0.0.1:6363, got '${url}'`);
  }
  const user = env['TERMINUSDB_USER'] || 'admin';
  const db = env['TERMINUSDB_DB'] || 'supergraph';
  if (!/^[A-Za-z0-9_-]+$/.test(db)) throw new ConfigError(`TERMINUSDB_DB must be letters, digits, _ or -, got '${db}'`);
  return {
    url: url.replace(/\/+$/, ''),
    user,
    key: env['TERMINUSDB_PASS'] ?? 'root',
    organization: env['TERMINUSDB_ORG'] || user,
    db,
  };
}
