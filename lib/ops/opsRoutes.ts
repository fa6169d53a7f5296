import { json } from '../http/index.js';
import type { Metrics } from './metrics.js';

/** A dependency check for `/readyz`: name → whether it answers. */
export type ReadinessCheck = () => Promise<Readonly<Record<string, boolean>>>;

/**
 * `/healthz` (alive), `/readyz` (every dependency answers: 200, else 503 with the failing ones),
 * `/metrics` (Prometheus text). Returns undefined for other paths.
 */
export function opsRoutes(options: { ready: ReadinessCheck; metrics: Metrics }): (request: Request) => Promise<Response | undefined> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const path = new URL(request.url).pathname;
    if (path === '/healthz') return json({ status: 'ok' });
    if (path === '/readyz') {
      let checks: Readonly<Record<string, boolean>>;
      try {
        checks = await options.ready();
      } catch {
        checks = { checks: false };
      }
      const ok = Object.values(checks).every(Boolean);
      return json({ status: ok ? 'ready' : 'not ready', checks }, ok ? 200 : 503);
    }
    if (path === '/metrics') {
      const registry = options.metrics.registry;
      return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
    }
    return undefined;
  };
}
