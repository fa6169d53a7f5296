import type { SchemaSource } from '../schema/SchemaSource.js';
import type { SubgraphRegistry } from '../subgraph/SubgraphRegistry.js';

const HEALTH = JSON.stringify({ query: 'query __ApolloServiceHealthCheck__ { __typename }' });

/**
 * `/readyz` checks: the schema is loaded and (optionally) every subgraph answers its `/readyz`, or,
 * for subgraphs without one (404), a `{ __typename }` query. Results are reused for `cacheMs`.
 */
export function readinessCheck(schema: SchemaSource, registry: SubgraphRegistry, checkSubgraphs: boolean, cacheMs = 1_000): () => Promise<Record<string, boolean>> {
  let last: { at: number; result: Promise<Record<string, boolean>> } | undefined;
  const run = async (): Promise<Record<string, boolean>> => {
    const generation = schema.current;
    const checks: Record<string, boolean> = { schema: generation !== undefined };
    if (generation === undefined || !checkSubgraphs) return checks;
    const sources = registry.sourcesFor(generation.subgraphs);
    await Promise.all(
      Object.values(sources).map(async (source) => {
        let status = await source.client.get('/readyz', 2_000);
        if (status === 404) {
          status = await source.client.post(HEALTH, {}, 2_000).then(
            (r) => r.status,
            () => 0,
          );
        }
        checks[`subgraph:${source.name}`] = status >= 200 && status < 300;
      }),
    );
    return checks;
  };
  return () => {
    const now = Date.now();
    if (last === undefined || now - last.at > cacheMs) last = { at: now, result: run() };
    return last.result;
  };
}
