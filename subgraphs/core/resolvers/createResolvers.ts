import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { CoreContext } from '../context.js';
import type { Model } from '../manifest.js';
import type { RefInput } from '../read/RefResolver.js';
import { BigFloatScalar, BigIntScalar, DateTimeScalar, JSONScalar } from '../schema/scalars.js';
import { branchesResolver, branchHeadTime, createBranchResolver, deleteBranchResolver, promoteBranchResolver } from './branchResolvers.js';
import { createResolver, deleteResolver, payloadNodeResolver, replaceResolver, updateResolver } from './classMutations.js';
import { commitResolver } from './commitResolver.js';
import { resolveReference } from './entities.js';
import { readMany, readOne, type ManyArgs } from './readRoot.js';

type Args = Record<string, unknown>;
/** Type name → field resolvers (or a scalar). */
export type ResolverMap = Record<string, Record<string, unknown>>;
type Resolver = (root: unknown, args: Args, ctx: CoreContext, info: GraphQLResolveInfo) => unknown;

function queryResolver(model: Model, operation: string, typeName: string | undefined): Resolver {
  switch (operation) {
    case 'one':
      return (_r, args, ctx, info) => readOne(ctx, info, typeName as string, String(args['id']), args['ref'] as RefInput | null | undefined);
    case 'many':
      return (_r, args, ctx, info) => readMany(ctx, info, typeName as string, args as ManyArgs);
    case 'branches':
      return branchesResolver;
    default:
      throw new Error(`unknown query operation ${operation} (model ${model.manifest.version})`);
  }
}

function mutationResolver(operation: string, typeName: string | undefined): Resolver {
  const t = typeName as string;
  switch (operation) {
    case 'create':
      return createResolver(t) as Resolver;
    case 'update':
      return updateResolver(t) as Resolver;
    case 'replace':
      return replaceResolver(t) as Resolver;
    case 'delete':
      return deleteResolver(t) as Resolver;
    case 'commit':
      return commitResolver as Resolver;
    case 'createBranch':
      return createBranchResolver as Resolver;
    case 'deleteBranch':
      return deleteBranchResolver as Resolver;
    case 'promoteBranch':
      return promoteBranchResolver as Resolver;
    default:
      throw new Error(`unknown mutation operation ${operation}`);
  }
}

const byTypename = (value: { __typename?: unknown }): string | undefined => (typeof value.__typename === 'string' ? value.__typename : undefined);

/** The generic resolvers of the core subgraph, driven by the model manifest (no per-class code). */
export function createResolvers(model: Model): ResolverMap {
  const map: Record<string, Record<string, unknown>> = {
    Query: {},
    Mutation: {},
    Branch: { headTime: branchHeadTime },
    DateTime: DateTimeScalar as unknown as Record<string, unknown>,
    BigInt: BigIntScalar as unknown as Record<string, unknown>,
    BigFloat: BigFloatScalar as unknown as Record<string, unknown>,
    JSON: JSONScalar as unknown as Record<string, unknown>,
  };
  for (const [field, rf] of Object.entries(model.manifest.query)) (map['Query'] as Record<string, unknown>)[field] = queryResolver(model, rf.operation, rf.type);
  for (const [field, rf] of Object.entries(model.manifest.mutation)) {
    (map['Mutation'] as Record<string, unknown>)[field] = mutationResolver(rf.operation, rf.type);
    if (rf.operation === 'create' && rf.type !== undefined) map[`${rf.type}Payload`] = { node: payloadNodeResolver() };
  }
  for (const [name, t] of Object.entries(model.manifest.types)) {
    if (t.kind === 'union') map[name] = { __resolveType: byTypename };
    if (t.kind === 'interface') map[name] = { __resolveType: byTypename };
    if ((t.kind === 'entity' || t.kind === 'interface') && t.rootFields !== undefined) {
      map[name] = { ...(map[name] ?? {}), __resolveReference: resolveReference(name) };
    }
  }
  return map;
}

/**
 * The default field resolver: values of class types are shaped by response key (aliases can select
 * one field several times with different arguments); other objects (connections, payloads) by field name.
 */
export function keyedFieldResolver(model: Model): GraphQLFieldResolver<unknown, CoreContext> {
  const keyed = new Set(Object.entries(model.manifest.types).filter(([, t]) => t.kind === 'entity' || t.kind === 'interface' || t.kind === 'object').map(([n]) => n));
  return (source, _args, _ctx, info) => {
    if (source === null || typeof source !== 'object') return undefined;
    const s = source as Record<string, unknown>;
    return keyed.has(info.parentType.name) ? s[String(info.path.key)] : s[info.fieldName];
  };
}
