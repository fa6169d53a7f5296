import { readFile } from 'node:fs/promises';
import { composeSupergraph } from '../compose/composeSupergraph.js';
import { formatCompositionProblem } from '../compose/compositionProblem.js';
import { readSupergraphConfig } from '../compose/supergraphConfig.js';
import { composeFromConfig } from '../compose/supergraphFile.js';
import type { SupergraphSourceConfig } from '../config/RouterConfig.js';
import { SubgraphClient } from '../subgraph/SubgraphClient.js';

/** Composition failed: the message lists every problem. */
export class CompositionFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompositionFailedError';
  }
}

/** The files whose changes mean "reload" (stat-polled). */
export async function watchedFiles(source: SupergraphSourceConfig): Promise<readonly string[]> {
  if (source.file !== undefined) return [source.file];
  if (source.compose !== undefined) {
    const config = await readSupergraphConfig(source.compose);
    return [config.file, ...config.subgraphs.map((s) => s.schemaFile)];
  }
  return [];
}

/** Reads the supergraph SDL from the configured file, or composes `supergraph.yaml`. */
export async function loadSupergraphSdl(source: SupergraphSourceConfig): Promise<string> {
  if (source.sdl !== undefined) return source.sdl;
  if (source.file !== undefined) return readFile(source.file, 'utf8');
  if (source.compose === undefined) throw new CompositionFailedError('no supergraph source configured');
  const result = await composeFromConfig(await readSupergraphConfig(source.compose));
  if (!result.ok) throw new CompositionFailedError(`composition failed:\n${result.problems.map(formatCompositionProblem).join('\n')}`);
  return result.supergraphSdl;
}

const SERVICE_SDL = JSON.stringify({ query: 'query __ApolloGetServiceDefinition__ { _service { sdl } }' });

/**
 * Fetches every subgraph's `_service { sdl }` and composes them. `headers()` is sent with each fetch
 * (the router's signed identity: subgraphs refuse unsigned calls).
 */
export async function composeFromSubgraphs(
  subgraphs: readonly { readonly name: string; readonly url: string }[],
  timeoutMs = 5_000,
  headers: () => Readonly<Record<string, string>> = () => ({}),
): Promise<string> {
  const sdls = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const client = new SubgraphClient(url, 1);
      try {
        const raw = await client.post(SERVICE_SDL, headers(), timeoutMs);
        const body = JSON.parse(raw.text) as { data?: { _service?: { sdl?: string } } };
        const sdl = body.data?._service?.sdl;
        if (typeof sdl !== 'string') throw new CompositionFailedError(`subgraph "${name}" did not return _service { sdl } (HTTP ${raw.status})`);
        return { name, url, sdl, source: url };
      } finally {
        client.close();
      }
    }),
  );
  const result = composeSupergraph(sdls);
  if (!result.ok) throw new CompositionFailedError(`composition failed:\n${result.problems.map(formatCompositionProblem).join('\n')}`);
  return result.supergraphSdl;
}
