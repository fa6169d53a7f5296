import { readFileSync } from 'node:fs';
import { withEntityBlock } from '../../../lib/index.js';
import { entityExtensions, type EntityManifest } from './entityExtensions.js';

/** The committed SDL of the audit subgraph (`schema.graphql`). */
export const AUDIT_SDL: string = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** What `schema.graphql` should contain for this manifest (the drift test compares). */
export function entityExtensionsSdl(manifest: EntityManifest, sdl: string = AUDIT_SDL): string {
  return withEntityBlock(sdl, entityExtensions(manifest));
}
