import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { CoreContext } from '../context.js';
import { sanitize } from '../manifest.js';
import { planObject } from '../translate/planSelection.js';
import { VariableSink } from '../translate/QueryText.js';
import { shapeObject, type Shaped } from '../translate/shape.js';
import { subSelections } from '../translate/collectFields.js';
import { planScope, shapeContext } from './readRoot.js';

/** A representation Apollo passes to `__resolveReference`. */
export interface EntityReference {
  readonly __typename: string;
  readonly id?: unknown;
}

function loaderFor(ctx: CoreContext, info: GraphQLResolveInfo, typeName: string): DataLoader<string, Shaped | null> {
  const node = info.fieldNodes[0];
  if (node === undefined) throw new Error('no field node');
  let byType = ctx.entityLoaders.get(node);
  if (byType === undefined) {
    byType = new Map();
    ctx.entityLoaders.set(node, byType);
  }
  let loader = byType.get(typeName);
  if (loader === undefined) {
    loader = new DataLoader<string, Shaped | null>((ids) => loadBatch(ctx, info, typeName, ids));
    byType.set(typeName, loader);
  }
  return loader;
}

/** One TerminusDB request part per batch: `<Class>(ids: [...])` with the `... on <Type>` selection. */
async function loadBatch(ctx: CoreContext, info: GraphQLResolveInfo, typeName: string, ids: readonly string[]): Promise<(Shaped | null)[]> {
  const model = ctx.runtime.model;
  const cls = model.classType(typeName);
  if (cls === undefined) return ids.map(() => null);
  const n = ctx.reads.nextPart();
  const vars = new VariableSink(`p${n}_`);
  const planned = planObject(planScope(ctx, info, vars), typeName, subSelections(info.fieldNodes));
  const commit = await ctx.reads.resolveRef(undefined);
  const idsVar = vars.add('[ID!]', ids);
  const data = await ctx.reads.read(commit, n, `p${n}: ${sanitize(cls.class)}(ids: ${idsVar}) ${planned.text}`, vars.defs);
  const list = data[`p${n}`];
  const sctx = shapeContext(ctx, commit);
  const byId = new Map<string, Shaped>();
  if (Array.isArray(list)) {
    for (const raw of list) {
      const shaped = shapeObject(sctx, planned.plan, raw);
      const id = (raw as { _id?: unknown })._id;
      if (shaped !== null && typeof id === 'string') byId.set(model.shortId(id), shaped);
    }
  }
  return ids.map((id) => byId.get(model.shortId(id)) ?? null);
}

/** `__resolveReference` of an entity type: batched per type and operation with DataLoader. */
export function resolveReference(typeName: string) {
  return (reference: EntityReference, ctx: CoreContext, info: GraphQLResolveInfo): Promise<Shaped | null> | null => {
    const id = reference.id;
    if (typeof id !== 'string' || id === '') return null;
    return loaderFor(ctx, info, typeName).load(id);
  };
}
