import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { compileOntology, diagnostic, loadSchemaDir, type Diagnostic } from '../ontology/index.js';
import { composeSupergraph, readSupergraphConfig, type CompositionProblem } from '../router/index.js';
import type { ResolvedCheckOptions } from './CheckOptions.js';

/** The working tree composed in memory: the ontology compiled to SDL, then composed with the other subgraphs. */
export type WorkingTree =
  | { readonly stage: 'ontology'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly stage: 'composition'; readonly problems: readonly CompositionProblem[] }
  | { readonly stage: 'composed'; readonly supergraphSdl: string; readonly hints: readonly string[] };

/**
 * Recompiles the ontology (`schemaDir`) to the SDL of `ontologySubgraph` — in memory, nothing is written —
 * and composes it with the SDL files of the other subgraphs of `supergraph.yaml`. Locations in the compiled
 * SDL use the subgraph's schema file name (its lines match once `npm run ontology:build` has written it).
 */
export async function composeWorkingTree(options: ResolvedCheckOptions): Promise<WorkingTree> {
  let compiled;
  try {
    compiled = compileOntology(loadSchemaDir(resolve(options.root, options.schemaDir), options.root));
  } catch (err) {
    return { stage: 'ontology', diagnostics: [diagnostic('INVALID_SCHEMA_FILE', (err as Error).message)] };
  }
  if (!compiled.ok) return { stage: 'ontology', diagnostics: compiled.diagnostics };

  const config = await readSupergraphConfig(resolve(options.root, options.config));
  if (!config.subgraphs.some((s) => s.name === options.ontologySubgraph)) {
    return {
      stage: 'composition',
      problems: [{ code: 'ONTOLOGY_SUBGRAPH_MISSING', message: `${options.config} lists no subgraph "${options.ontologySubgraph}"`, hint: `Add the ${options.ontologySubgraph} subgraph to ${options.config}.` }],
    };
  }
  const subgraphs = await Promise.all(
    config.subgraphs.map(async (s) =>
      s.name === options.ontologySubgraph
        ? { name: s.name, url: s.url, sdl: compiled.sdl, source: relative(options.root, s.schemaFile) }
        : { name: s.name, url: s.url, sdl: await readFile(s.schemaFile, 'utf8'), source: relative(options.root, s.schemaFile) },
    ),
  );
  const result = composeSupergraph(subgraphs);
  if (result.ok) return { stage: 'composed', supergraphSdl: result.supergraphSdl, hints: result.hints };
  // Problems locate the subgraph by its source (file); report the subgraph's name.
  const names = new Map(subgraphs.map((s) => [s.source, s.name]));
  return { stage: 'composition', problems: result.problems.map((p) => (p.subgraph !== undefined && names.has(p.subgraph) ? { ...p, subgraph: names.get(p.subgraph) as string } : p)) };
}
