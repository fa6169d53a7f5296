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

/** A field removed because the caller lacks rights. */
export interface RemovedField {
  readonly path: ResponsePath;
  /** `Type.field`, or the type name for a fragment on a protected type. */
  readonly coordinate: string;
  /**
   * Where the response gets its null (the field itself, or the nearest nullable ancestor when the
   * field is non-null); `null` = the whole `data`; undefined = nothing to fill (inside a type condition).
   */
  readonly nullAt?: ResponsePath | null;
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

  const visit = (set: SelectionSetNode, parent: GraphQLCompositeType, frames: Frame[], narrowed: boolean): SelectionSetNode | undefined => {
    const kept: SelectionNode[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const out = visitField(sel, parent, frames, narrowed);
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
      const inner = visit(innerSet, type, frames, narrowed || type !== parent);
      if (inner === undefined) continue;
      const inline: InlineFragmentNode = {
        kind: Kind.INLINE_FRAGMENT,
        ...(condition !== undefined ? { typeCondition: condition } : {}),
        directives: sel.directives ?? [],
        selectionSet: inner,
      };
      kept.push(inline);
    }
    return kept.length === 0 ? undefined : { kind: Kind.SELECTION_SET, selections: kept };
  };

  const visitField = (node: FieldNode, parent: GraphQLCompositeType, frames: Frame[], narrowed: boolean): FieldNode | undefined => {
    const name = node.name.value;
    if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return node;
    const def = parent.getFields()[name];
    if (def === undefined) return node;
    const key = node.alias?.value ?? name;
    const here = [...frames, { key, type: def.type }];
    const named = getNamedType(def.type);
    if (denied(directives.fields.get(`${parent.name}.${name}`)) || denied(directives.types.get(named.name))) {
      const nullAt = narrowed ? undefined : nullTarget(here);
      removed.push({ path: pathOf(here, here.length - 1, false), coordinate: `${parent.name}.${name}`, ...(nullAt !== undefined ? { nullAt } : {}) });
      return undefined;
    }
    if (node.selectionSet === undefined || !isCompositeType(named)) return node;
    const before = removed.length;
    const inner = visit(node.selectionSet, named, here, false);
    if (inner === undefined) {
      // Everything below was removed: the field goes too, and gets the null.
      const nullAt = narrowed ? undefined : nullTarget(here);
      if (removed.length === before) removed.push({ path: pathOf(here, here.length - 1, false), coordinate: `${parent.name}.${name}` });
      const last = removed[removed.length - 1];
      if (last !== undefined) removed[removed.length - 1] = { path: last.path, coordinate: last.coordinate, ...(nullAt !== undefined ? { nullAt } : {}) };
      return undefined;
    }
    return inner === node.selectionSet ? node : { ...node, selectionSet: inner };
  };

  const selectionSet = visit(operation.selectionSet, rootType, [], false);
  if (removed.length === 0) return { document: { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] }, removed, empty: false };
  const filtered: OperationDefinitionNode = { ...operation, selectionSet: selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] } };
  return { document: { kind: Kind.DOCUMENT, definitions: [filtered] }, removed, empty: selectionSet === undefined };
}

/** Puts the nulls of removed fields into `data` (in place); returns the data (null when it propagated to the root). */
export function fillRemovedNulls(data: Record<string, unknown> | null, removed: readonly RemovedField[]): Record<string, unknown> | null {
  const out = data;
  for (const r of removed) {
    if (r.nullAt === undefined) continue;
    if (r.nullAt === null) return null;
    if (out !== null) setNull(out, r.nullAt, 0);
  }
  return out;
}

function setNull(value: unknown, path: ResponsePath, i: number): void {
  if (value === null || typeof value !== 'object') return;
  const seg = path[i];
  const last = i === path.length - 1;
  if (seg === '@') {
    if (!Array.isArray(value)) return;
    if (last) value.fill(null);
    else for (const item of value) setNull(item, path, i + 1);
    return;
  }
  if (seg === undefined || Array.isArray(value)) return;
  const obj = value as Record<string, unknown>;
  if (last) obj[seg] = null;
  else setNull(obj[seg], path, i + 1);
}
