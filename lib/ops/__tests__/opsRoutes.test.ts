import { describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics.js';
import { opsRoutes } from '../opsRoutes.js';

describe('opsRoutes', () => {
  const req = (path: string): Request => new Request(`http://x${path}`);

  it('answers health, readiness with the failing checks, and Prometheus metrics', async () => {
    const metrics = createMetrics('test');
    metrics.errors.inc({ code: 'BAD_USER_INPUT' });
    let up = true;
    const ops = opsRoutes({ ready: async () => ({ terminusdb: up }), metrics });
    expect((await ops(req('/healthz')))?.status).toBe(200);
    expect((await ops(req('/readyz')))?.status).toBe(200);
    up = false;
    const notReady = await ops(req('/readyz'));
    expect(notReady?.status).toBe(503);
    expect(await notReady?.json()).toEqual({ status: 'not ready', checks: { terminusdb: false } });
    const text = await (await ops(req('/metrics')))?.text();
    expect(text).toContain('graphql_errors_total{code="BAD_USER_INPUT",service="test"} 1');
    expect(await ops(req('/graphql'))).toBeUndefined();
  });
});
