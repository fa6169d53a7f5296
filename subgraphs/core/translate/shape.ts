import { sanitize, type Model } from '../manifest.js';
import { encodeCursor } from '../read/cursor.js';
import type { ConnectionPlan, FieldPlan, ObjectPlan, UnionPlan } from './plans.js';

type Raw = Record<string, unknown>;
/** A value shaped for the subgraph's resolvers: class objects are keyed by response key. */
export type Shaped = Record<string, unknown>;

/** What shaping needs besides the plan: the model and the commit the data was read at (for cursors). */
export interface ShapeContext {
  readonly model: Model;
  readonly commit: string;
  /** Sanitised TerminusDB class name (`_type`) → GraphQL type. */
  readonly typeByClass: ReadonlyMap<string, string>;
}

/** Builds the `_type` → GraphQL type map of a model. */
export function typeByClass(model: Model): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, t] of Object.entries(model.manifest.types)) {
    if (t.kind === 'entity' || t.kind === 'interface' || t.kind === 'object') map.set(sanitize(t.class), name);
  }
  return map;
}

function isRaw(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function convertValue(ctx: ShapeContext, f: Extract<FieldPlan, { kind: 'value' }>, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => convertValue(ctx, f, x));
  if (f.enumName !== undefined) return typeof v === 'string' ? (ctx.model.enumFromTerminus(f.enumName, v) ?? null) : null;
  if (f.scalar === 'JSON' && typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

function shapeField(ctx: ShapeContext, f: FieldPlan, src: Raw): unknown {
  switch (f.kind) {
    case 'id':
      return typeof src['_id'] === 'string' ? ctx.model.shortId(src['_id']) : null;
    case 'value':
      return convertValue(ctx, f, src[f.raw]);
    case 'object': {
      const v = src[f.raw];
      return shapeObject(ctx, f.plan, Array.isArray(v) ? v[0] : v);
    }
    case 'union':
      return shapeUnion(ctx, f.union, src[f.raw]);
    case 'connection':
      return shapeConnection(ctx, f.conn, src[f.raw], src[`${f.raw}_n`]);
    case 'null':
      return null;
    default: {
      const never: never = f;
      return never;
    }
  }
}

/** Shapes one object of TerminusDB's answer; null stays null. */
export function shapeObject(ctx: ShapeContext, plan: ObjectPlan, raw: unknown): Shaped | null {
  if (!isRaw(raw)) return null;
  let typeName = plan.typeName;
  let fields = plan.fields;
  let src = raw;
  if (plan.abstract) {
    typeName = (typeof raw['_type'] === 'string' ? ctx.typeByClass.get(raw['_type']) : undefined) ?? plan.typeName;
    const cast = plan.casts.get(typeName);
    const castRaw = cast === undefined ? undefined : raw[cast.raw];
    if (cast !== undefined && Array.isArray(castRaw) && isRaw(castRaw[0])) {
      src = castRaw[0];
      fields = cast.fields;
    }
  }
  const out: Shaped = { __typename: typeName };
  for (const f of fields) out[f.key] = shapeField(ctx, f, src);
  return out;
}

function shapeUnion(ctx: ShapeContext, plan: UnionPlan, raw: unknown): Shaped | null {
  if (!isRaw(raw)) return null;
  for (const d of plan.documents) {
    const v = raw[d.raw];
    if (isRaw(v)) return shapeObject(ctx, d.plan, v);
  }
  if (plan.wrappers.length > 0 && typeof raw['_json'] === 'string') {
    let doc: unknown;
    try {
      doc = JSON.parse(raw['_json']);
    } catch {
      return null;
    }
    if (!isRaw(doc)) return null;
    for (const w of plan.wrappers) {
      if (w.prop in doc) return { __typename: w.type, [w.prop]: w.unit ? true : doc[w.prop] };
    }
  }
  return null;
}

/** Shapes a connection: edges with cursors pinned to the read commit, nodes, pageInfo, totalCount. */
export function shapeConnection(ctx: ShapeContext, plan: ConnectionPlan, list: unknown, count: unknown): Shaped {
  const items = Array.isArray(list) ? list : [];
  const page = items.slice(0, plan.first);
  const nodes = page.map((r) => shapeObject(ctx, plan.node, r));
  const edges = nodes.map((node, i) => ({
    __typename: plan.edgeType,
    node,
    cursor: encodeCursor({ commit: ctx.commit, offset: plan.offset + i + 1, hash: plan.hash }),
  }));
  const totalCount = plan.count === 'number' ? (typeof count === 'number' ? count : 0) : Array.isArray(count) ? count.length : 0;
  return {
    __typename: plan.connType,
    edges,
    nodes,
    totalCount,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: items.length > plan.first,
      hasPreviousPage: plan.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
