import type { DocumentNode } from 'graphql';
import { keyedObjectTypes, serviceDateTime, supergraphError, type Identity } from '../../../lib/index.js';
import type { EmbeddingEngine } from '../engine/EmbeddingEngine.js';
import { graphql } from '../graphqlRuntime.js';
import type { VectorHit } from '../vectors/VectorIndex.js';
import { checkSearchInput, checkText } from './searchInput.js';

const { GraphQLScalarType } = graphql;

/** What lives as long as the handler. */
export interface EmbeddingRuntime {
  readonly engine: EmbeddingEngine;
  /** Longest query text (characters). */
  readonly maxQueryChars: number;
  /** Recent query vectors by text (bounded). */
  readonly queryCache: Map<string, Promise<Float32Array>>;
}

/** Per-request context. */
export interface EmbeddingContext {
  readonly runtime: EmbeddingRuntime;
  readonly identity: Identity;
}

const QUERY_CACHE = 256;



async function queryVector(runtime: EmbeddingRuntime, text: string): Promise<Float32Array> {
  const cached = runtime.queryCache.get(text);
  if (cached !== undefined) return cached;
  const p = runtime.engine.embedQuery(text);
  runtime.queryCache.set(text, p);
  p.catch(() => runtime.queryCache.delete(text));
  if (runtime.queryCache.size > QUERY_CACHE) runtime.queryCache.delete(runtime.queryCache.keys().next().value as string);
  try {
    return await p;
  } catch (err) {
    throw supergraphError('EMBEDDING_PROVIDER_UNAVAILABLE', `The embedding provider failed: ${(err as Error).message}`);
  }
}

const toHit = (h: VectorHit) => ({ score: h.score, id: h.id, type: h.type });

interface SearchArgs {
  k?: number | null;
  types?: string[] | null;
  branch?: string | null;
}

/** The resolvers of the embedding subgraph. */
export function createResolvers(sdl: DocumentNode) {
  const similar = async (source: { id: string }, args: SearchArgs, ctx: EmbeddingContext) => {
    const { engine } = ctx.runtime;
    const input = checkSearchInput(args, { plan: engine.plan, branches: engine.branches, identity: ctx.identity });
    const vector = engine.vectorOf(input.branch, source.id);
    if (vector === undefined || input.types.size === 0) return [];
    return engine.search(input.branch, vector, input.k, { types: input.types, exclude: source.id }).map(toHit);
  };
  const entities = Object.fromEntries(keyedObjectTypes(sdl).map((name) => [name, { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), similar }]));
  return {
    DateTime: new GraphQLScalarType(serviceDateTime),
    ...entities,
    SemanticHit: { entity: (hit: { id: string; type: string }) => ({ __typename: hit.type, id: hit.id }) },
    Embeddable: { __resolveType: (value: { __typename: string }) => value.__typename },
    Query: {
      semanticSearch: async (_: unknown, args: SearchArgs & { text: string }, ctx: EmbeddingContext) => {
        const { engine } = ctx.runtime;
        const text = checkText(args.text, ctx.runtime.maxQueryChars);
        const input = checkSearchInput(args, { plan: engine.plan, branches: engine.branches, identity: ctx.identity });
        if (input.types.size === 0) return [];
        const vector = await queryVector(ctx.runtime, text);
        return engine.search(input.branch, vector, input.k, { types: input.types }).map(toHit);
      },
      embeddingStatus: async (_: unknown, __: unknown, ctx: EmbeddingContext) => {
        const { engine } = ctx.runtime;
        const status = await engine.status();
        return {
          provider: engine.embedder.provider,
          model: engine.embedder.model,
          dimensions: engine.embedder.dimensions,
          documentsIndexed: status.branches.reduce((n, b) => n + b.documentsIndexed, 0),
          commitsBehind: status.branches.reduce((n, b) => n + b.commitsBehind, 0),
          branches: status.branches,
          lastError: status.lastError,
        };
      },
    },
  };
}
