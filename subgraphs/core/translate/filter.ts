import { supergraphError } from '../../../lib/index.js';
import { sanitize, type Model, type PropertyField } from '../manifest.js';

type Obj = Record<string, unknown>;

const LOGICAL = new Set(['_and', '_or', '_not', '_id', '_ids']);

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function bad(message: string): never {
  throw supergraphError('BAD_USER_INPUT', message);
}

function enumOperators(model: Model, enumName: string, ops: Obj): Obj {
  const out: Obj = {};
  for (const [op, v] of Object.entries(ops)) {
    if (v === null || v === undefined) continue;
    const tdb = typeof v === 'string' ? model.enumToTerminus(enumName, v) : undefined;
    if (tdb === undefined) bad(`Invalid ${enumName} value in filter: ${JSON.stringify(v)}`);
    out[op] = sanitize(tdb);
  }
  return out;
}

/** Checks the operators of a scalar filter and drops null entries. */
function scalarOperators(field: PropertyField, ops: Obj): Obj {
  const out: Obj = {};
  for (const [op, v] of Object.entries(ops)) {
    if (v === null || v === undefined) continue;
    if (op === 'regex' && typeof v === 'string') {
      try {
        new RegExp(v);
      } catch {
        bad(`Invalid regular expression in filter on ${field.property}: ${v}`);
      }
    }
    // TerminusDB takes BigInt and BigFloat filter values as strings.
    out[op] = field.scalar === 'BigInt' || field.scalar === 'BigFloat' ? String(v) : v;
  }
  return out;
}

function propertyFilter(model: Model, field: PropertyField, value: unknown): unknown {
  if (!isObj(value)) bad(`Filter on ${field.property} must be an object`);
  if (field.connection) {
    const out: Obj = {};
    for (const [op, sub] of Object.entries(value)) {
      if (sub === null || sub === undefined) continue;
      if (op !== 'someHave' && op !== 'allHave') bad(`Unknown collection filter ${op}`);
      out[op] = toTerminusFilter(model, field.type, sub);
    }
    return out;
  }
  switch (field.rangeKind) {
    case 'enum':
      return enumOperators(model, field.type, value);
    case 'document':
    case 'subdocument':
    case 'union':
      return toTerminusFilter(model, field.type, value);
    default:
      return scalarOperators(field, value);
  }
}

/**
 * Translates a filter of the subgraph (`<Type>Filter`) into TerminusDB's `<Class>_Filter` value:
 * field names become property names, enum values TerminusDB's, links and unions recurse.
 */
export function toTerminusFilter(model: Model, typeName: string, filter: unknown): Obj {
  if (!isObj(filter)) bad(`Filter of ${typeName} must be an object`);
  const cls = model.classType(typeName);
  const union = cls === undefined ? model.unionType(typeName) : undefined;
  const out: Obj = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (LOGICAL.has(key)) {
      if (key === '_and' || key === '_or') {
        if (!Array.isArray(value)) bad(`${key} takes a list`);
        out[key] = value.map((f) => toTerminusFilter(model, typeName, f));
      } else if (key === '_not') out[key] = toTerminusFilter(model, typeName, value);
      else out[key] = value;
      continue;
    }
    if (cls !== undefined) {
      const field = cls.fields[key];
      if (field?.kind !== 'property') bad(`Unknown filter field ${typeName}.${key}`);
      out[sanitize(field.property)] = propertyFilter(model, field, value);
    } else if (union !== undefined) {
      const branch = union.branches[key];
      if (branch === undefined) bad(`Unknown filter field ${typeName}.${key}`);
      out[sanitize(key)] = branch.wrapper ? value : toTerminusFilter(model, branch.type, value);
    } else bad(`Type ${typeName} has no filter`);
  }
  return out;
}

/**
 * Renders an `orderBy` list (`[{name: ASC}, {createdAt: DESC}]`) as TerminusDB's ordering object
 * literal, keys most significant first; undefined when empty.
 */
export function toTerminusOrdering(model: Model, typeName: string, orderBy: unknown): string | undefined {
  if (orderBy === null || orderBy === undefined) return undefined;
  const entries = Array.isArray(orderBy) ? orderBy : [orderBy];
  const cls = model.classType(typeName);
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const entry of entries) {
    if (!isObj(entry)) bad('orderBy entries must be objects');
    for (const [key, dir] of Object.entries(entry)) {
      if (dir === null || dir === undefined) continue;
      const field = cls?.fields[key];
      if (field?.kind !== 'property' || (dir !== 'ASC' && dir !== 'DESC')) bad(`Cannot order ${typeName} by ${key}`);
      const prop = sanitize(field.property);
      if (seen.has(prop)) continue;
      seen.add(prop);
      parts.push(`${prop}: ${dir}`);
    }
  }
  return parts.length === 0 ? undefined : `{${parts.join(', ')}}`;
}
