/**
 * The generated part of a service subgraph's SDL: the core entities it extends (audit's `history`,
 * embedding's `similar`), between `# BEGIN generated entities` and `# END generated entities` markers in
 * its hand-written `schema.graphql`, with the access directives core puts on each type.
 */

/** ` @authenticated` / ` @requiresScopes(scopes: [[…]])` as core has them on a type ('' for neither). */
export function accessDirectives(t: { readonly authenticated?: boolean; readonly scopes?: readonly string[] }): string {
  const scopes = t.scopes ?? [];
  return `${t.authenticated === true ? ' @authenticated' : ''}${scopes.length > 0 ? ` @requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(', ')}]])` : ''}`;
}

const BEGIN = /^# BEGIN generated entities.*$/m;
const END = /^# END generated entities$/m;

/** The SDL with the text between its generated-entities markers replaced by `block`. */
export function withEntityBlock(sdl: string, block: string): string {
  const begin = BEGIN.exec(sdl);
  const end = END.exec(sdl);
  if (begin === null || end === null || end.index < begin.index) throw new Error('schema.graphql lacks the "# BEGIN/# END generated entities" markers');
  return `${sdl.slice(0, begin.index + begin[0].length)}\n${block}\n${sdl.slice(end.index)}`;
}
