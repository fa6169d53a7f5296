import type { OntologyModel, PropertyDef } from '../compiler/model/types.js';
import { allProperties, ancestors, getClass, getEnum, isCollection, isDatatype, isOptional } from '../compiler/model/queries.js';

/** What the value checker needs: the model, the ids of the batch with their classes, and a problem sink. */
export interface CheckScope {
  readonly model: OntologyModel;
  readonly ids: ReadonlyMap<string, string>;
  readonly report: (path: string, message: string) => void;
}

const NUMERIC = /^xsd:(decimal|double|float|byte|short|int|long|unsigned\w+|integer|\w*Integer)$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** True when class `id` is `range` or inherits from it. */
export function isA(scope: CheckScope, id: string, range: string): boolean {
  const cls = getClass(scope.model, id);
  return cls !== undefined && (cls.id === range || ancestors(scope.model, cls).some((a) => a.id === range));
}

function checkDatatype(scope: CheckScope, range: string, value: unknown, path: string): void {
  const bad = (what: string): void => scope.report(path, `expected ${what} for ${range}, got ${JSON.stringify(value)}`);
  if (range === 'sys:JSON') return;
  if (range === 'xsd:boolean') return void (typeof value !== 'boolean' && bad('a boolean'));
  if (NUMERIC.test(range)) return void (typeof value !== 'number' && !(typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) && bad('a number'));
  if (range === 'xsd:dateTime') return void ((typeof value !== 'string' || !DATE_TIME.test(value)) && bad('a UTC dateTime'));
  if (range === 'xsd:date') return void ((typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) && bad('a date'));
  if (range === 'sys:Unit') return void ((!Array.isArray(value) || value.length > 0) && bad('[]'));
  if (typeof value !== 'string') bad('a string');
}

/** Checks one value (not a collection) against a range: datatype, enum, link or nested subdocument. */
export function checkValue(scope: CheckScope, range: string, value: unknown, path: string): void {
  if (isDatatype(range)) return checkDatatype(scope, range, value, path);
  const enumDef = getEnum(scope.model, range);
  if (enumDef !== undefined) {
    if (typeof value !== 'string' || !enumDef.values.includes(value)) scope.report(path, `${JSON.stringify(value)} is not a value of ${range}`);
    return;
  }
  const cls = getClass(scope.model, range);
  if (cls === undefined) return scope.report(path, `unknown range ${range}`);
  if (cls.subdocument) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return scope.report(path, `expected a ${range} subdocument`);
    return checkObject(scope, value as Record<string, unknown>, range, path);
  }
  if (typeof value !== 'string') return scope.report(path, `expected an id of a ${range}, got ${JSON.stringify(value)}`);
  const target = scope.ids.get(value);
  if (target === undefined) scope.report(path, `links to "${value}", which is not in the seed`);
  else if (!isA(scope, target, range)) scope.report(path, `links to a ${target}, expected a ${range}`);
}

function checkProperty(scope: CheckScope, prop: PropertyDef, value: unknown, path: string): void {
  if (value === undefined || value === null) {
    if (!isOptional(prop)) scope.report(path, 'required property is missing');
    return;
  }
  if (!isCollection(prop)) return checkValue(scope, prop.range, value, path);
  if (!Array.isArray(value)) return scope.report(path, `a ${prop.family} must be an array`);
  if (prop.family === 'Set' && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) scope.report(path, 'a Set has duplicates');
  value.forEach((v, i) => checkValue(scope, prop.range, v, `${path}[${i}]`));
  const sub = getClass(scope.model, prop.range);
  const key = sub?.subdocument === true ? sub.key : undefined;
  if (key?.type === 'Lexical') {
    const keys = value.map((v) => JSON.stringify(key.fields.map((f) => (v as Record<string, unknown>)[f])));
    if (new Set(keys).size !== keys.length) scope.report(path, `subdocuments share a Lexical key (${key.fields.join(', ')})`);
  }
}

/** Checks a document or subdocument object of class `expected` (or a subclass named by its `@type`). */
export function checkObject(scope: CheckScope, doc: Record<string, unknown>, expected: string, path: string): void {
  const type = typeof doc['@type'] === 'string' ? (doc['@type'] as string) : expected;
  const cls = getClass(scope.model, type);
  if (cls === undefined || !isA(scope, type, expected)) return scope.report(path, `@type ${type} is not a ${expected}`);
  if (cls.abstract) return scope.report(path, `${type} is abstract`);
  const props = allProperties(scope.model, cls);
  for (const key of Object.keys(doc)) {
    if (!key.startsWith('@') && !props.some((p) => p.name === key)) scope.report(`${path}.${key}`, `${type} has no property "${key}"`);
  }
  if (cls.kind === 'TaggedUnion') {
    const present = props.filter((p) => doc[p.name] !== undefined);
    if (present.length !== 1) scope.report(path, `a ${type} has exactly one of ${props.map((p) => p.name).join(', ')}`);
    for (const p of present) checkValue(scope, p.range, doc[p.name], `${path}.${p.name}`);
    return;
  }
  for (const prop of props) checkProperty(scope, prop, doc[prop.name], `${path}.${prop.name}`);
  const groups = new Set(props.flatMap((p) => (p.oneOfGroup === undefined ? [] : [p.oneOfGroup])));
  for (const group of groups) {
    const members = props.filter((p) => p.oneOfGroup === group);
    if (members.filter((p) => doc[p.name] !== undefined).length !== 1) {
      scope.report(path, `exactly one of ${members.map((p) => p.name).join(', ')} must be present (@oneOf)`);
    }
  }
}
