import type { FieldNode, GraphQLField, SelectionSetNode } from 'graphql';
import { graphql } from '../graphqlRuntime.js';
import { supergraphError } from '../../../lib/index.js';
import { sanitize, type BacklinkField, type Model, type PropertyField } from '../manifest.js';
import { connectionHash, decodeCursor } from '../read/cursor.js';
import { collectFields, subSelections, type CollectedFields, type OperationScope } from './collectFields.js';
import { toTerminusFilter, toTerminusOrdering } from './filter.js';
import type { ConnectionPlan, FieldPlan, ObjectPlan, UnionPlan } from './plans.js';
import { renderArgs, stringLiteral, type VariableSink } from './QueryText.js';

const { getArgumentValues, isInterfaceType, isObjectType } = graphql;

/** Everything the translation of one root field needs. */
export interface PlanScope extends OperationScope {
  readonly model: Model;
  readonly vars: VariableSink;
}

/** A translated part: the plan and the TerminusDB GraphQL text it reads from. */
export interface Planned<P> {
  readonly plan: P;
  readonly text: string;
}

/** Largest page a connection serves. */
export const MAX_FIRST = 1000;

const SELF_PATH = stringLiteral('.{0,1}');

function fieldDef(scope: PlanScope, typeName: string, name: string): GraphQLField<unknown, unknown> | undefined {
  const t = scope.schema.getType(typeName);
  return isObjectType(t) || isInterfaceType(t) ? t.getFields()[name] : undefined;
}

function argsOf(scope: PlanScope, typeName: string, node: FieldNode): Record<string, unknown> {
  const def = fieldDef(scope, typeName, node.name.value);
  return def === undefined ? {} : getArgumentValues(def, node, scope.variables as Record<string, unknown>);
}

function sameShape(a: CollectedFields, b: CollectedFields): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k)?.length !== v.length) return false;
  return true;
}

/** Translates the selection of a class-typed value (a document, subdocument or interface). */
export function planObject(scope: PlanScope, typeName: string, sets: readonly SelectionSetNode[]): Planned<ObjectPlan> {
  const cls = scope.model.classType(typeName);
  if (cls === undefined) throw new Error(`not a class type: ${typeName}`);
  const base = collectFields(scope, typeName, sets);
  const abstract = isInterfaceType(scope.schema.getType(typeName));
  const own = planFields(scope, typeName, base);
  const casts = new Map<string, { raw: string; fields: FieldPlan[] }>();
  let castText = '';
  if (abstract) {
    for (const c of cls.concreteClasses) {
      const t = scope.model.typeOfClass(c);
      if (t === undefined) continue;
      const fields = collectFields(scope, t, sets);
      if (sameShape(base, fields)) continue;
      const planned = planFields(scope, t, fields);
      const raw = `c_${t}`;
      casts.set(t, { raw, fields: planned.plan });
      castText += ` ${raw}: _path_to_${sanitize(c)}(path: ${SELF_PATH}) { _id ${planned.text} }`;
    }
  }
  return {
    plan: { typeName, abstract, fields: own.plan, casts },
    text: `{ _id${abstract ? ' _type' : ''} ${own.text}${castText} }`,
  };
}

function planFields(scope: PlanScope, typeName: string, fields: CollectedFields): Planned<FieldPlan[]> {
  const cls = scope.model.classType(typeName);
  const plans: FieldPlan[] = [];
  let text = '';
  for (const [key, nodes] of fields) {
    const node = nodes[0];
    if (node === undefined || node.name.value === '__typename') continue;
    const fm = cls?.fields[node.name.value];
    const raw = `f_${key}`;
    if (fm === undefined) plans.push({ kind: 'null', key });
    else if (fm.kind === 'id') plans.push({ kind: 'id', key });
    else if (fm.kind === 'backlink') {
      const p = planConnection(scope, nodes, argsOf(scope, typeName, node), backlinkSource(fm), `${typeName}.${node.name.value}`, fm.type, raw);
      plans.push({ kind: 'connection', key, raw, conn: p.plan });
      text += ` ${p.text}`;
    } else {
      const p = planProperty(scope, typeName, fm, nodes, key, raw);
      plans.push(p.plan);
      text += ` ${p.text}`;
    }
  }
  return { plan: plans, text };
}

function backlinkSource(fm: BacklinkField): ListSource {
  const path = [...fm.path].reverse().map((p) => `<${sanitize(p)}`).join(',');
  return { field: `_path_to_${sanitize(fm.source)}`, extraArgs: [['path', stringLiteral(path)]], countable: 'list', cls: fm.source };
}

function planProperty(scope: PlanScope, typeName: string, fm: PropertyField, nodes: FieldNode[], key: string, raw: string): Planned<FieldPlan> {
  const prop = sanitize(fm.property);
  const node = nodes[0] as FieldNode;
  if (fm.connection) {
    const target = scope.model.classType(fm.type);
    const source: ListSource = { field: prop, extraArgs: [], countable: 'list', cls: target?.class ?? fm.range };
    const p = planConnection(scope, nodes, argsOf(scope, typeName, node), source, `${typeName}.${node.name.value}`, fm.type, raw);
    return { plan: { kind: 'connection', key, raw, conn: p.plan }, text: p.text };
  }
  switch (fm.rangeKind) {
    case 'document':
    case 'subdocument': {
      const p = planObject(scope, fm.type, subSelections(nodes));
      return { plan: { kind: 'object', key, raw, plan: p.plan }, text: `${raw}: ${prop} ${p.text}` };
    }
    case 'union': {
      const p = planUnion(scope, fm.type, subSelections(nodes));
      return { plan: { kind: 'union', key, raw, union: p.plan }, text: `${raw}: ${prop} ${p.text}` };
    }
    case 'enum':
      return { plan: { kind: 'value', key, raw, scalar: undefined, enumName: fm.type }, text: `${raw}: ${prop}` };
    default:
      return { plan: { kind: 'value', key, raw, scalar: fm.scalar, enumName: undefined }, text: `${raw}: ${prop}` };
  }
}

function planUnion(scope: PlanScope, typeName: string, sets: readonly SelectionSetNode[]): Planned<UnionPlan> {
  const union = scope.model.unionType(typeName);
  if (union === undefined) throw new Error(`not a union: ${typeName}`);
  const documents: { prop: string; raw: string; plan: ObjectPlan }[] = [];
  const wrappers: { prop: string; type: string; unit: boolean }[] = [];
  let text = '';
  for (const [prop, b] of Object.entries(union.branches)) {
    if (b.wrapper) {
      wrappers.push({ prop, type: b.type, unit: b.range === 'sys:Unit' });
      continue;
    }
    const raw = `u_${prop}`;
    const p = planObject(scope, b.type, sets);
    documents.push({ prop, raw, plan: p.plan });
    text += ` ${raw}: ${sanitize(prop)} ${p.text}`;
  }
  if (wrappers.length > 0) text += ' _json';
  return { plan: { typeName, documents, wrappers }, text: `{ _id${text} }` };
}

/** Where a connection's list comes from in TerminusDB's GraphQL. */
export interface ListSource {
  /** Field name at the parent (a class root field, a collection property, or `_path_to_<Class>`). */
  readonly field: string;
  readonly extraArgs: readonly (readonly [string, string])[];
  /** `number`: `_count(<cls>: filter)` at the root; `list`: the list of ids, counted. */
  readonly countable: 'number' | 'list';
  /** TerminusDB class of the elements (for `<Class>_Filter` and `_count`). */
  readonly cls: string;
}

/** Arguments of a connection field. */
interface ConnectionArgs {
  readonly filter?: unknown;
  readonly orderBy?: unknown;
  readonly first?: unknown;
  readonly after?: unknown;
}

/** Reads `first` (default 20, 0..MAX_FIRST). */
export function pageSize(first: unknown): number {
  const n = first === undefined || first === null ? 20 : first;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_FIRST) {
    throw supergraphError('BAD_USER_INPUT', `first must be an integer from 0 to ${MAX_FIRST}`);
  }
  return n;
}

/**
 * Translates a connection: `raw: <field>(filter, orderBy, limit: first + 1, offset)` and, when
 * `totalCount` is selected, `raw_n`. Returns the cursor commit it was given (root fields pin it).
 */
export function planConnection(
  scope: PlanScope,
  nodes: readonly FieldNode[],
  args: ConnectionArgs,
  source: ListSource,
  coordinate: string,
  nodeType: string,
  raw: string,
): Planned<ConnectionPlan> & { readonly cursorCommit: string | undefined } {
  const first = pageSize(args.first);
  const hash = connectionHash(coordinate, args.filter, args.orderBy);
  const cursor = typeof args.after === 'string' ? decodeCursor(args.after, hash) : undefined;
  const offset = cursor?.offset ?? 0;
  const connType = `${nodeType}Connection`;
  const edgeType = `${nodeType}Edge`;
  const nodeSets: SelectionSetNode[] = [];
  let count = false;
  for (const [, fieldNodes] of collectFields(scope, connType, subSelections(nodes))) {
    const name = fieldNodes[0]?.name.value;
    if (name === 'nodes') nodeSets.push(...subSelections(fieldNodes));
    else if (name === 'totalCount') count = true;
    else if (name === 'edges') {
      for (const [, edgeNodes] of collectFields(scope, edgeType, subSelections(fieldNodes))) {
        if (edgeNodes[0]?.name.value === 'node') nodeSets.push(...subSelections(edgeNodes));
      }
    }
  }
  const tFilter = args.filter === undefined || args.filter === null ? undefined : toTerminusFilter(scope.model, nodeType, args.filter);
  const filterVar = tFilter === undefined ? undefined : scope.vars.add(`${sanitize(source.cls)}_Filter`, tFilter);
  const order = toTerminusOrdering(scope.model, nodeType, args.orderBy);
  const node = planObject(scope, nodeType, nodeSets);
  const listArgs = renderArgs([...source.extraArgs, ['filter', filterVar], ['orderBy', order], ['limit', String(first + 1)], ['offset', offset > 0 ? String(offset) : undefined]]);
  let text = `${raw}: ${source.field}${listArgs} ${node.text}`;
  if (count && source.countable === 'number') {
    text += ` ${raw}_n: _count(${sanitize(source.cls)}: ${filterVar ?? scope.vars.add(`${sanitize(source.cls)}_Filter`, {})})`;
  } else if (count) {
    text += ` ${raw}_n: ${source.field}${renderArgs([...source.extraArgs, ['filter', filterVar]])} { _id }`;
  }
  return {
    plan: { connType, edgeType, node: node.plan, first, offset, hash, count: count ? source.countable : undefined },
    text,
    cursorCommit: cursor?.commit,
  };
}
