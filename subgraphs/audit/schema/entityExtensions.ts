import { accessDirectives } from '../../../lib/index.js';

/** The manifest fields the entity list needs (a subset of `subgraphs/core/model.generated.json`). */
export interface EntityManifest {
  readonly types: Readonly<Record<string, { readonly kind: string; readonly subdocument?: boolean; readonly implements?: readonly string[]; readonly authenticated?: boolean; readonly scopes?: readonly string[] }>>;
}

const HISTORY = '  "Commits that changed this document on `branch`, newest first."\n  history(first: Int = 20, branch: String = "main"): [CommitRef!]!';

/**
 * The `history` field on every core entity: `@interfaceObject` for keyed interfaces (covering every
 * implementation), `@key` types for entities outside them; access directives copied from core.
 */
export function entityExtensions(manifest: EntityManifest): string {
  const types = Object.entries(manifest.types).sort(([a], [b]) => a.localeCompare(b));
  const interfaces = new Set(types.filter(([, t]) => t.kind === 'interface' && t.subdocument !== true).map(([name]) => name));
  const blocks: string[] = [];
  for (const [name, t] of types) {
    if (t.subdocument === true) continue;
    if (t.kind === 'interface') blocks.push(`type ${name} @key(fields: "id") @interfaceObject${accessDirectives(t)} {\n  id: ID!\n${HISTORY}\n}`);
    else if (t.kind === 'entity' && !(t.implements ?? []).some((i) => interfaces.has(i))) blocks.push(`type ${name} @key(fields: "id")${accessDirectives(t)} {\n  id: ID!\n${HISTORY}\n}`);
  }
  return blocks.join('\n\n');
}
