/** The audit subgraph (with its relay) as a child process: `tsx subgraphs/audit/main.ts`. */
import { startServiceProcess, type ServiceProcess } from '../fixtures/serviceProcess.js';
import { signedHeaders } from './harness.js';

export interface AuditProcess extends ServiceProcess {
  nudge(): Promise<void>;
}

/** Starts the process and waits for its `{"url":...}` line. */
export async function startAuditProcess(env: Record<string, string>, key: string): Promise<AuditProcess> {
  const p = await startServiceProcess('audit', 'subgraphs/audit/main.ts', { LOG_LEVEL: 'warn', AUDIT_PORT: '0', ROUTER_IDENTITY_KEY: key, ...env });
  return {
    ...p,
    async nudge() {
      await fetch(`${p.url}/nudge`, { method: 'POST', headers: signedHeaders(key) }).catch(() => undefined);
    },
  };
}
