import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  Kind,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { RequestContext } from '../context.js';
import type { FrameClass } from '../frames.js';
import { compileFilter } from '../filter/compileFilter.js';
import { TRUE } from '../filter/types.js';
import type { OrderSpec } from '../query/order.js';
import type { ListArgs } from '../query/select.js';

/** The arguments TerminusDB gives every class collection (`add_arguments` in schema.rs). */
export function listArgumentConfig(filter: GraphQLInputType, ordering: GraphQLInputType | undefined): GraphQLFieldConfigArgumentMap {
  return {
    id: { type: GraphQLID },
    ids: { type: new GraphQLList(new GraphQLNonNull(GraphQLID)) },
    include_children: { type: GraphQLBoolean },
    offset: { type: GraphQLInt, description: 'skip N elements' },
    limit: { type: GraphQLInt, description: 'limit results to N elements' },
    filter: { type: filter },
    ...(ordering === undefined ? {} : { orderBy: { type: ordering, description: 'order by the given fields' } }),
  };
}

type Args = Readonly<Record<string, unknown>>;

/** `orderBy` keys in the order the query wrote them (graphql-js coerces in declaration order). */
function orderKeys(value: Args, info: GraphQLResolveInfo, rc: RequestContext): string[] {
  const given = Object.keys(value);
  const node = info.fieldNodes[0]?.arguments?.find((a) => a.name.value === 'orderBy');
  let written: string[] | undefined;
  if (node?.value.kind === Kind.OBJECT) written = node.value.fields.map((f) => f.name.value);
  else if (node?.value.kind === Kind.VARIABLE) {
    const raw = rc.variables[node.value.name.value];
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) written = Object.keys(raw);
  }
  if (written === undefined) return given;
  return [...written.filter((k) => given.includes(k)), ...given.filter((k) => !written.includes(k))];
}

function nonNegative(v: unknown): number {
  return typeof v === 'number' && v > 0 ? v : 0;
}

/** The list arguments of a collection queried without any (shared: the common case of links and backlinks). */
const NO_ARGS: ListArgs = { includeChildren: true, offset: 0, limit: undefined, cond: TRUE, order: [] };

function isEmpty(args: Args): boolean {
  for (const _ in args) return false;
  return true;
}

/** Reads (and validates) the list arguments of a resolver call. */
export function readListArgs(cls: FrameClass, args: Args, info: GraphQLResolveInfo, rc: RequestContext): ListArgs {
  if (isEmpty(args)) return NO_ARGS;
  const orderBy = args['orderBy'];
  const order: OrderSpec[] = [];
  if (orderBy !== null && typeof orderBy === 'object') {
    for (const key of orderKeys(orderBy as Args, info, rc)) {
      const field = cls.byName.get(key);
      const dir = (orderBy as Args)[key];
      if (field !== undefined && (dir === 'ASC' || dir === 'DESC')) order.push({ field, desc: dir === 'DESC' });
    }
  }
  const filter = args['filter'];
  const ids = args['ids'];
  return {
    id: typeof args['id'] === 'string' ? args['id'] : undefined,
    ids: Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : undefined,
    includeChildren: args['include_children'] !== false,
    offset: nonNegative(args['offset']),
    limit: typeof args['limit'] === 'number' ? nonNegative(args['limit']) : undefined,
    cond: filter === undefined || filter === null ? TRUE : compileFilter(rc.frames, rc.iri, cls, filter),
    order,
  };
}
