/** Regenerates the entity block of `schema.graphql` from the core manifest: `npx tsx subgraphs/embedding/schema/writeEntities.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { MANIFEST_PATH } from '../../../ontology/index.js';
import { EMBEDDING_SDL, entityExtensionsSdl } from './embeddingSdl.js';
import type { EmbeddingManifest } from './entityExtensions.js';

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as EmbeddingManifest;
const next = entityExtensionsSdl(manifest);
if (next !== EMBEDDING_SDL) {
  writeFileSync(new URL('../schema.graphql', import.meta.url), next);
  console.log('subgraphs/embedding/schema.graphql: entity block updated');
} else console.log('subgraphs/embedding/schema.graphql: up to date');
