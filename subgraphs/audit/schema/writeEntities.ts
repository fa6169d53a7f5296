/** Regenerates the entity block of `schema.graphql` from the core manifest: `npx tsx subgraphs/audit/schema/writeEntities.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { MANIFEST_PATH } from '../../../ontology/index.js';
import { AUDIT_SDL, entityExtensionsSdl } from './auditSdl.js';
import type { EntityManifest } from './entityExtensions.js';

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as EntityManifest;
const next = entityExtensionsSdl(manifest);
if (next !== AUDIT_SDL) {
  writeFileSync(new URL('../schema.graphql', import.meta.url), next);
  console.log('subgraphs/audit/schema.graphql: entity block updated');
} else console.log('subgraphs/audit/schema.graphql: up to date');
