import { readFileSync } from 'node:fs';
import { withEntityBlock } from '../../../lib/index.js';
import { entityExtensions, type EmbeddingManifest } from './entityExtensions.js';

/** The committed SDL of the embedding subgraph (`schema.graphql`). */
export const EMBEDDING_SDL: string = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** What `schema.graphql` should contain for this manifest (the drift test compares). */
export function entityExtensionsSdl(manifest: EmbeddingManifest, sdl: string = EMBEDDING_SDL): string {
  return withEntityBlock(sdl, entityExtensions(manifest));
}
