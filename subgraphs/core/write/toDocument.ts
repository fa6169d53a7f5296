import { supergraphError } from '../../../lib/index.js';
import type { Model, PropertyField } from '../manifest.js';

type Obj = Record<string, unknown>;

function bad(message: string): never {
  throw supergraphError('BAD_USER_INPUT', message);
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A tagged union input (`@oneOf`): exactly one branch → `{"@type": Union, branch: value}`. */
function unionValue(model: Model, typeName: string, value: unknown): Obj {
  const union = model.unionType(typeName);
  if (union === undefined || !isObj(value)) bad(`Invalid ${typeName} value`);
  const given = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
  const entry = given[0];
  if (given.length !== 1 || entry === undefined) bad(`${typeName} takes exactly one of ${Object.keys(union.branches).join(', ')}`);
  const [prop, v] = entry;
  const branch = union.branches[prop];
  if (branch === undefined) bad(`Unknown ${typeName} branch ${prop}`);
  if (branch.range === 'sys:Unit') {
    if (v !== true) bad(`${typeName}.${prop} must be true`);
    return { '@type': union.class, [prop]: [] };
  }
  return { '@type': union.class, [prop]: v };
}

/** Converts one property value from GraphQL input to TerminusDB's document form. */
export function propertyValue(model: Model, field: PropertyField, value: unknown): unknown {
  const one = (v: unknown): unknown => {
    switch (field.rangeKind) {
      case 'enum': {
        const tdb = typeof v === 'string' ? model.enumToTerminus(field.type, v) : undefined;
        if (tdb === undefined) bad(`Invalid ${field.type} value ${JSON.stringify(v)}`);
        return tdb;
      }
      case 'subdocument':
        return toDocument(model, field.type, v);
      case 'union':
        return unionValue(model, field.type, v);
      case 'unit':
        return [];
      default:
        return v;
    }
  };
  if (field.connection || field.family === 'Set' || field.family === 'List' || field.family === 'Array') {
    if (!Array.isArray(value)) bad(`${field.property} takes a list`);
    return value.map(one);
  }
  return one(value);
}

/**
 * Converts a `<Type>Input` (or the set fields of a patch) into a TerminusDB document of the class:
 * links stay ids, enums become TerminusDB values, unions and subdocuments nested documents.
 */
export function toDocument(model: Model, typeName: string, input: unknown): Obj {
  const cls = model.classType(typeName);
  if (cls === undefined || !isObj(input)) bad(`Invalid ${typeName} input`);
  const doc: Obj = { '@type': cls.class };
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const field = cls.fields[key];
    if (field?.kind !== 'property') bad(`Unknown field ${typeName}.${key}`);
    doc[field.property] = propertyValue(model, field, value);
  }
  return doc;
}

/**
 * Applies a merge patch to a stored document: absent fields are kept, null removes a value, others
 * (collections and subdocuments whole) are replaced.
 */
export function mergePatch(model: Model, typeName: string, stored: Obj, patch: unknown): Obj {
  const cls = model.classType(typeName);
  if (cls === undefined || !isObj(patch)) bad(`Invalid ${typeName} patch`);
  const doc: Obj = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const field = cls.fields[key];
    if (field?.kind !== 'property') bad(`Unknown field ${typeName}.${key}`);
    if (value === null) delete doc[field.property];
    else doc[field.property] = propertyValue(model, field, value);
  }
  return doc;
}

/** Whether a document id belongs to the class (default key base `<Class>/`). */
export function idOfClass(model: Model, typeName: string, id: string): boolean {
  const cls = model.classType(typeName);
  const short = model.shortId(id);
  return cls !== undefined && cls.concreteClasses.some((c) => short.startsWith(`${c}/`));
}
