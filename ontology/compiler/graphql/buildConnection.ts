import type { ClassDef } from '../model/types.js';
import type { BuildContext } from './BuildContext.js';
import { buildOrdering } from './buildFilters.js';
import { typeName } from './names.js';
import type { ArgDef } from './sdlModel.js';

/** Adds `<T>Connection` and `<T>Edge` (Relay, with `totalCount` and `nodes`) and returns the connection name. */
export function buildConnection(ctx: BuildContext, cls: ClassDef): string {
  const t = typeName(cls);
  const at = { file: cls.file, document: cls.id };
  ctx.registry.add({
    kind: 'object', name: `${t}Edge`,
    fields: [{ name: 'cursor', type: 'String!' }, { name: 'node', type: `${t}!` }],
  }, at);
  ctx.registry.add({
    kind: 'object', name: `${t}Connection`, description: `A page of ${t} values: \`first\` (default 20, at most 1000) after the cursor \`after\`; the cursor pins the commit of the first page.`,
    fields: [
      { name: 'edges', type: `[${t}Edge!]!` },
      { name: 'nodes', type: `[${t}!]!` },
      { name: 'pageInfo', type: 'PageInfo!' },
      { name: 'totalCount', type: 'Int!', description: 'Number of values matching the filter, over all pages.' },
    ],
  }, at);
  return `${t}Connection`;
}

/** Arguments of every connection field over `cls`: `filter`, `orderBy` (when orderable), `first`, `after`. */
export function connectionArgs(ctx: BuildContext, cls: ClassDef): ArgDef[] {
  const ordering = buildOrdering(ctx, cls);
  return [
    { name: 'filter', type: `${typeName(cls)}Filter` },
    ...(ordering !== undefined ? [{ name: 'orderBy', type: `[${ordering}!]` }] : []),
    { name: 'first', type: 'Int', defaultValue: '20' },
    { name: 'after', type: 'String' },
  ];
}
