import type { GraphQLResolveInfo } from 'graphql';
import { supergraphError } from '../../../lib/index.js';
import type { CoreContext } from '../context.js';
import { sanitize } from '../manifest.js';
import { checkRef, type RefInput } from '../read/RefResolver.js';
import { planConnection, planObject, type PlanScope } from '../translate/planSelection.js';
import { VariableSink } from '../translate/QueryText.js';
import { shapeConnection, shapeObject, type ShapeContext, type Shaped } from '../translate/shape.js';
import { subSelections } from '../translate/collectFields.js';
import { cachedPlan } from '../translate/planCache.js';

/** The scope of translating within the operation being executed. */
export function planScope(ctx: CoreContext, info: GraphQLResolveInfo, vars: VariableSink): PlanScope {
  return { schema: info.schema, fragments: info.fragments, variables: info.variableValues, model: ctx.runtime.model, vars };
}

/** The shaping context for data read at `commit`. */
export function shapeContext(ctx: CoreContext, commit: string): ShapeContext {
  return { model: ctx.runtime.model, commit, typeByClass: ctx.runtime.typeByClass };
}

function classOf(ctx: CoreContext, typeName: string): string {
  const cls = ctx.runtime.model.classType(typeName);
  if (cls === undefined) throw new Error(`no class for ${typeName}`);
  return cls.class;
}

/** `<one>(id, ref)`: one TerminusDB root query with the whole selection; null when absent. */
export async function readOne(
  ctx: CoreContext,
  info: GraphQLResolveInfo,
  typeName: string,
  id: string,
  ref: RefInput | { readonly commit: string } | null | undefined,
): Promise<Shaped | null> {
  const n = ctx.reads.nextPart();
  const cached = cachedPlan(info.fieldNodes, info.fragments, info.variableValues, n, null, () => {
    const sink = new VariableSink(`p${n}_`);
    return { planned: planObject(planScope(ctx, info, sink), typeName, subSelections(info.fieldNodes)), defs: sink.defs };
  });
  const planned = cached.planned;
  const vars = new VariableSink(`p${n}_`, cached.defs);
  const commit = await ctx.reads.resolveRef(ref);
  const idVar = vars.add('ID', id);
  const data = await ctx.reads.read(commit, n, `p${n}: ${sanitize(classOf(ctx, typeName))}(id: ${idVar}) ${planned.text}`, vars.defs);
  const list = data[`p${n}`];
  return Array.isArray(list) ? shapeObject(shapeContext(ctx, commit), planned.plan, list[0]) : null;
}

/** Arguments of a root connection field. */
export interface ManyArgs {
  readonly filter?: unknown;
  readonly orderBy?: unknown;
  readonly first?: unknown;
  readonly after?: unknown;
  readonly ref?: RefInput | null;
}

/** `<many>(filter, orderBy, first, after, ref)`: a connection read at the cursor's commit or the ref's. */
export async function readMany(ctx: CoreContext, info: GraphQLResolveInfo, typeName: string, args: ManyArgs): Promise<Shaped> {
  const n = ctx.reads.nextPart();
  const cls = classOf(ctx, typeName);
  const raw = `p${n}`;
  const cached = cachedPlan(info.fieldNodes, info.fragments, info.variableValues, n, args, () => {
    const sink = new VariableSink(`p${n}_`);
    const p = planConnection(
      planScope(ctx, info, sink),
      info.fieldNodes,
      args,
      { field: sanitize(cls), extraArgs: [], countable: 'number', cls },
      `Query.${info.fieldName}`,
      typeName,
      raw,
    );
    return { planned: p, defs: sink.defs };
  });
  const planned = cached.planned;
  const vars = { defs: cached.defs };
  const pinned = planned.cursorCommit;
  const ref = checkRef(args.ref);
  if (pinned !== undefined && ref.commit !== undefined && ref.commit !== pinned) {
    throw supergraphError('INVALID_CURSOR', 'The cursor was made at another commit than the ref names');
  }
  // A cursor pins the commit of the first page: later pages read it whatever the branch did since.
  const commit = pinned ?? (await ctx.reads.resolveRef(args.ref));
  const data = await ctx.reads.read(commit, n, planned.text, vars.defs);
  return shapeConnection(shapeContext(ctx, commit), planned.plan, data[raw], data[`${raw}_n`]);
}
