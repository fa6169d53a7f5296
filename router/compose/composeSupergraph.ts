import { composeServices } from '@apollo/composition';
import { parse, Source, type GraphQLError } from 'graphql/index.js';
import { toCompositionProblem, type CompositionProblem } from './compositionProblem.js';

/** One subgraph's SDL with where it lives. */
export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
  /** Shown in error locations (file path or URL); defaults to the name. */
  readonly source?: string;
}

/** The outcome of a composition. */
export type CompositionResult =
  | { readonly ok: true; readonly supergraphSdl: string; readonly hints: readonly string[] }
  | { readonly ok: false; readonly problems: readonly CompositionProblem[] };

/** Composes subgraph SDLs into a supergraph with `@apollo/composition`; never throws for bad SDL. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): CompositionResult {
  const problems: CompositionProblem[] = [];
  const services = [];
  for (const s of subgraphs) {
    try {
      services.push({ name: s.name, url: s.url, typeDefs: parse(new Source(s.sdl, s.source ?? s.name)) });
    } catch (err) {
      problems.push({ ...toCompositionProblem(err as GraphQLError, 'INVALID_GRAPHQL'), subgraph: s.name });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const result = composeServices(services);
  if (result.errors !== undefined) return { ok: false, problems: result.errors.map((e) => toCompositionProblem(e)) };
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}
