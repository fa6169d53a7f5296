/** The manifest fields the entity list needs (a subset of `subgraphs/core/model.generated.json`). */
export interface EntityManifest {
  readonly types: Readonly<Record<string, { readonly kind: string; readonly subdocument?: boolean; readonly implements?: readonly string[]; readonly authenticated?: boolean; readonly scopes?: readonly string[] }>>;
}

const HISTORY = '  "Commits that changed this document on `branch`, newest first."\n  history(first: Int = 20, branch: String = "main"): [CommitRef!]!';

function access(t: { authenticated?: boolean; scopes?: readonly string[] }): string {
  const scopes = t.scopes ?? [];
  return `${t.authenticated === true ? ' @authenticated' : ''}${scopes.length > 0 ? ` @requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(', ')}]])` : ''}`;
}

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
    if (t.kind === 'interface') blocks.push(`type ${name} @key(fields: "id") @interfaceObject${access(t)} {\n  id: ID!\n${HISTORY}\n}`);
    else if (t.kind === 'entity' && !(t.implements ?? []).some((i) => interfaces.has(i))) blocks.push(`type ${name} @key(fields: "id")${access(t)} {\n  id: ID!\n${HISTORY}\n}`);
  }
  return blocks.join('\n\n');
}

const BEGIN = /^# BEGIN generated entities.*$/m;
const END = /^# END generated entities$/m;

/** The SDL with its generated block replaced by `block`. */
export function withEntityBlock(sdl: string, block: string): string {
  const begin = BEGIN.exec(sdl);
  const end = END.exec(sdl);
  if (begin === null || end === null || end.index < begin.index) throw new Error('schema.graphql lacks the "# BEGIN/# END generated entities" markers');
  return `${sdl.slice(0, begin.index + begin[0].length)}\n${block}\n${sdl.slice(end.index)}`;
}
