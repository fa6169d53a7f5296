import { spawnProcess, type SpawnedProcess } from '../support/spawnProcess.js';

/** The core subgraph in its own process (`subgraphs/core/main.ts`); resolves once it prints its URL. */
export function spawnSubgraph(env: Record<string, string>): Promise<SpawnedProcess> {
  // main.ts prints `{"url": ...}` on its own; pino lines carry `msg` and are skipped
  return spawnProcess('subgraphs/core/main.ts', env, (m) => m.msg === undefined);
}
