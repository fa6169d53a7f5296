/** The scheduler subgraph as a child process: `tsx subgraphs/scheduler/main.ts`. */
import { IDENTITY_HEADER, signIdentity } from '../../lib/index.js';
import { startServiceProcess, type ServiceProcess } from '../fixtures/serviceProcess.js';
import { IDENTITY_KEY } from './harness.js';

export interface SchedulerProcess extends ServiceProcess, AsyncDisposable {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, user?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
}

/** Starts the process and waits for its `{"url":...}` line. */
export async function startSchedulerProcess(env: Record<string, string>): Promise<SchedulerProcess> {
  const p = await startServiceProcess('scheduler', 'subgraphs/scheduler/main.ts', { LOG_LEVEL: 'warn', SCHEDULER_PORT: '0', ROUTER_IDENTITY_KEY: IDENTITY_KEY, ...env });
  return {
    ...p,
    async gql(query, variables = {}, user = 'alice') {
      const response = await fetch(`${p.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity({ sub: user, scopes: [] }, IDENTITY_KEY) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    [Symbol.asyncDispose]: p.kill,
  };
}
