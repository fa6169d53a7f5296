import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql/index.js';
import { satisfies, type AuthDirectives, type AuthState, type Requirement } from './authDirectives.js';

/** A response path: keys, with `@` for every list level (as Apollo Router reports them). */
export type ResponsePath = readonly (string | '@')[];

/**
 * The response key of the `__typename` the filter adds next to a type condition that narrows an
 * abstract type when something was removed inside it (stripped again by {@link fillRemovedNulls}).
 */
export const AUTHZ_TYPENAME = '_authzTypename';

/** A type condition on the way to a removed field: the object `depth` path segments down must be one of `types`. */
export interface TypeGuard {
  readonly depth: number;
  readonly types: readonly string[];
}

/** A field removed because the caller lacks rights. */
export interface RemovedField {
  readonly path: ResponsePath;
  /** `Type.field`, or the type name for a fragment on a protected type. */
  readonly coordinate: string;
  /**
   * Where the response gets its null (the field itself, or the nearest nullable ancestor when the
   * field is non-null); `null` = the whole `data`; undefined = nothing to fill (a fragment on a
   * protected type).
   */
  readonly nullAt?: ResponsePath | null;
  /**
   * Type conditions narrowing an abstract type on the way to the field: the null goes only where
   * the objects are of those types (read from {@link AUTHZ_TYPENAME}).
   */
  readonly when?: readonly TypeGuard[];
}

/** The operation a caller may run. */
export interface AuthorizedOperation {
  /** The filtered operation (fragments inlined), or the original document when nothing was removed. */
  readonly document: DocumentNode;
  readonly removed: readonly RemovedField[];
  /** True when every root field was removed: nothing to plan. */
  readonly empty: boolean;
}

interface Frame {
  readonly key: string;
  readonly type: GraphQLOutputType;
}

function listDepth(type: GraphQLOutputType): number {
  let t: GraphQLOutputType = type;
  let n = 0;
  for (;;) {
    if (isNonNullType(t)) t = t.ofType;
    else if (isListType(t)) {
      n++;
      t = t.ofType as GraphQLOutputType;
    } else return n;
  }
}

/** Whether the innermost list items of `type` are nullable. */
function itemsNullable(type: GraphQLOutputType): boolean {
  let t: GraphQLOutputType = isNonNullType(type) ? type.ofType : type;
  while (isListType(t)) {
    const inner = t.ofType as GraphQLOutputType;
    if (!isListType(isNonNullType(inner) ? inner.ofType : inner)) return !isNonNullType(inner);
    t = isNonNullType(inner) ? inner.ofType : inner;
  }
  return false;
}

function pathOf(frames: readonly Frame[], upTo: number, intoItems: boolean): ResponsePath {
  const out: (string | '@')[] = [];
  for (let i = 0; i <= upTo; i++) {
    const f = frames[i];
    if (f === undefined) break;
    out.push(f.key);
    if (i < upTo || intoItems) for (let l = listDepth(f.type); l > 0; l--) out.push('@');
  }
  return out;
}

/** Where a removed field's null lands, following GraphQL's null propagation. */
function nullTarget(frames: readonly Frame[]): ResponsePath | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f === undefined) break;
    if (i < frames.length - 1 && listDepth(f.type) > 0) {
      if (itemsNullable(f.type)) return pathOf(frames, i, true);
      if (!isNonNullType(f.type)) return pathOf(frames, i, false);
      continue;
    }
    if (!isNonNullType(f.type)) return pathOf(frames, i, false);
  }
  return null;
}

/**
 * Removes the fields and fragments the caller may not see (`@authenticated`, `@requiresScopes` on
 * fields and on the types they return), as Apollo Router does before planning. Fragment spreads are
 * inlined; a selection set left empty removes its field.
 */
export function authorizeOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  directives: AuthDirectives,
  auth: AuthState,
): AuthorizedOperation {
  const removed: RemovedField[] = [];
  const rootType = schema.getRootType(operation.operation);
  if (rootType === undefined || rootType === null) return { document: { kind: Kind.DOCUMENT, definitions: [operation] }, removed, empty: false };

  const denied = (req: Requirement | undefined): boolean => req !== undefined && !satisfies(req, auth);
  const typesOf = (type: GraphQLCompositeType): string[] => (isObjectType(type) ? [type.name] : schema.getPossibleTypes(type).map((t) => t.name));
  const removal = (here: Frame[], coordinate: string, guards: readonly TypeGuard[]): RemovedField => {
    const nullAt = nullTarget(here);
    return { path: pathOf(here, here.length - 1, false), coordinate, nullAt, ...(guards.length > 0 ? { when: guards } : {}) };
  };

  const visit = (set: SelectionSetNode, parent: GraphQLCompositeType, frames: Frame[], guards: readonly TypeGuard[]): SelectionSetNode | undefined => {
    const kept: SelectionNode[] = [];
    let needsTypename = false;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const out = visitField(sel, parent, frames, guards);
        if (out !== undefined) kept.push(out);
        continue;
      }
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments[sel.name.value] : undefined;
      if (sel.kind === Kind.FRAGMENT_SPREAD && fragment === undefined) continue;
      const condition = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition : fragment?.typeCondition;
      const type = condition !== undefined ? schema.getType(condition.name.value) : parent;
      if (type === undefined || !isCompositeType(type)) continue;
      const innerSet = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : (fragment as FragmentDefinitionNode).selectionSet;
      if (type !== parent && denied(directives.types.get(type.name))) {
        removed.push({ path: pathOf(frames, frames.length - 1, true), coordinate: type.name });
        continue;
      }
      const narrows = type !== parent && !isObjectType(parent);
      const before = removed.length;
      const inner = visit(innerSet, type, frames, narrows ? [...guards, { depth: frames.length === 0 ? 0 : pathOf(frames, frames.length - 1, true).length, types: typesOf(type) }] : guards);
      // the nulls of what was removed inside go only to objects of the condition's types: ask for __typename
      if (narrows && removed.slice(before).some((r) => r.nullAt !== undefined)) needsTypename = true;
      if (inner === undefined) continue;
      const inline: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        ...(condition !== undefined ? { typeCondition: condition } : {}),
        directives: sel.directives ?? [],
        selectionSet: inner,
      };
      kept.push(inline);
    }
    if (kept.length === 0) return undefined;
    if (needsTypename) kept.push({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: AUTHZ_TYPENAME }, name: { kind: Kind.NAME, value: '__typename' } });
    return { kind: Kind.SELECTION_SET, selections: kept };
  };

  const visitField = (node: FieldNode, parent: GraphQLCompositeType, frames: Frame[], guards: readonly TypeGuard[]): FieldNode | undefined => {
    const name = node.name.value;
    if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return node;
    const def = parent.getFields()[name];
    if (def === undefined) return node;
    const key = node.alias?.value ?? name;
    const here = [...frames, { key, type: def.type }];
    const named = getNamedType(def.type);
    if (denied(directives.fields.get(`${parent.name}.${name}`)) || denied(directives.types.get(named.name))) {
      removed.push(removal(here, `${parent.name}.${name}`, guards));
      return undefined;
    }
    if (node.selectionSet === undefined || !isCompositeType(named)) return node;
    const before = removed.length;
    const inner = visit(node.selectionSet, named, here, guards);
    if (inner === undefined) {
      // Everything below was removed: the field goes too, and gets the null (reported once, as the last removal below).
      const last = removed.length === before ? undefined : removed[removed.length - 1];
      const own = removal(here, `${parent.name}.${name}`, guards);
      if (last === undefined) removed.push(own);
      else removed[removed.length - 1] = { ...own, path: last.path, coordinate: last.coordinate };
      return undefined;
    }
    return inner === node.selectionSet ? node : { ...node, selectionSet: inner };
  };

  const selectionSet = visit(operation.selectionSet, rootType, [], []);
  if (removed.length === 0) return { document: { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] }, removed, empty: false };
  const filtered: OperationDefinitionNode = { ...operation, selectionSet: selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] } };
  return { document: { kind: Kind.DOCUMENT, definitions: [filtered] }, removed, empty: selectionSet === undefined };
}

/**
 * Puts the nulls of removed fields into `data` (in place), only on objects of the types their type
 * conditions name; strips the added {@link AUTHZ_TYPENAME} keys; returns the data (null when a null
 * propagated to the root).
 */
export function fillRemovedNulls(data: Record<string, unknown> | null, removed: readonly RemovedField[]): Record<string, unknown> | null {
  if (data === null) return null;
  let root = false;
  for (const r of removed) {
    if (r.nullAt === undefined) continue;
    if (r.nullAt === null && r.when === undefined) return null;
    const hit = fill(data, r.path, r.nullAt, r.when ?? [], 0);
    if (hit && r.nullAt === null) root = true;
  }
  for (const r of removed) for (const g of r.when ?? []) strip(data, r.path, g.depth, 0);
  return root ? null : data;
}

function guardPasses(value: Record<string, unknown>, when: readonly TypeGuard[], depth: number): boolean {
  for (const g of when) {
    if (g.depth !== depth) continue;
    const typename = value[AUTHZ_TYPENAME];
    if (typeof typename !== 'string' || !g.types.includes(typename)) return false;
  }
  return true;
}

/**
 * Walks `path` (consumed up to `i`) in `value`; returns whether the removed field's place exists
 * there with every type condition met, and sets the null where `nullAt` ends on the way back.
 */
function fill(value: unknown, path: ResponsePath, nullAt: ResponsePath | null, when: readonly TypeGuard[], i: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const seg = path[i];
  if (seg === undefined) return false;
  if (seg === '@') {
    if (!Array.isArray(value)) return false;
    let any = false;
    for (let j = 0; j < value.length; j++) {
      if (!fill(value[j], path, nullAt, when, i + 1)) continue;
      any = true;
      if (nullAt !== null && nullAt.length === i + 1) value[j] = null;
    }
    return any;
  }
  if (Array.isArray(value)) return false;
  const obj = value as Record<string, unknown>;
  if (!guardPasses(obj, when, i)) return false;
  const hit = i === path.length - 1 ? true : fill(obj[seg], path, nullAt, when, i + 1);
  if (hit && nullAt !== null && nullAt.length === i + 1) obj[seg] = null;
  return hit;
}

function strip(value: unknown, path: ResponsePath, depth: number, i: number): void {
  if (value === null || typeof value !== 'object') return;
  if (i === depth) {
    if (!Array.isArray(value)) delete (value as Record<string, unknown>)[AUTHZ_TYPENAME];
    return;
  }
  const seg = path[i];
  if (seg === '@') {
    if (Array.isArray(value)) for (const item of value) strip(item, path, depth, i + 1);
    return;
  }
  if (seg === undefined || Array.isArray(value)) return;
  strip((value as Record<string, unknown>)[seg], path, depth, i + 1);
}
