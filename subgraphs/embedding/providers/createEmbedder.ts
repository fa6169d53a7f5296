import type { ProviderConfig } from '../config.js';
import type { Embedder } from './Embedder.js';
import { lexicalEmbedder } from './lexicalEmbedder.js';
import { openaiEmbedder } from './openaiEmbedder.js';
import { useEmbedder } from './useEmbedder.js';

/** The configured provider (loads the USE model, or probes an OpenAI-compatible server). */
export async function createEmbedder(config: ProviderConfig): Promise<Embedder> {
  switch (config.kind) {
    case 'use':
      return useEmbedder({ workers: config.workers });
    case 'lexical':
      return lexicalEmbedder(config.dimensions);
    case 'openai':
      return openaiEmbedder({
        url: config.url,
        model: config.model,
        ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
        ...(config.dimensions === undefined ? {} : { dimensions: config.dimensions }),
      });
    default: {
      const never: never = config;
      throw new Error(`unknown provider ${JSON.stringify(never)}`);
    }
  }
}
