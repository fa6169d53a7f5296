import type { ClassDef, EnumDef, OntologyModel, PropertyDef, SchemaDef } from './types.js';

/** Datatypes TerminusDB accepts as property ranges (§6.7), by contracted name. */
export const DATATYPES: ReadonlySet<string> = new Set([
  ...[
    'string', 'boolean', 'decimal', 'double', 'float', 'time', 'date', 'dateTime', 'dateTimeStamp', 'gYear',
    'gMonth', 'gDay', 'gYearMonth', 'gMonthDay', 'duration', 'yearMonthDuration', 'dayTimeDuration', 'byte',
    'short', 'int', 'long', 'unsignedByte', 'unsignedShort', 'unsignedInt', 'unsignedLong', 'integer',
    'positiveInteger', 'nonNegativeInteger', 'negativeInteger', 'nonPositiveInteger', 'base64Binary',
    'hexBinary', 'anyURI', 'language', 'normalizedString', 'token', 'NMTOKEN', 'Name', 'NCName',
  ].map((t) => `xsd:${t}`),
  'rdf:langString', 'rdfs:Literal',
  ...['coordinate', 'coordinatePolygon', 'coordinatePolyline', 'dateRange', 'dateTimeInterval', 'gYearRange',
    'integerRange', 'decimalRange', 'json', 'url', 'email', 'html'].map((t) => `xdd:${t}`),
  'sys:JSON', 'sys:Unit',
]);

/** True when `range` is a datatype rather than a schema document. */
export function isDatatype(range: string): boolean {
  return DATATYPES.has(range);
}

/** The class or tagged union with this id, if any. */
export function getClass(model: OntologyModel, id: string): ClassDef | undefined {
  const def = model.documents.get(id);
  return def !== undefined && (def.kind === 'Class' || def.kind === 'TaggedUnion') ? def : undefined;
}

/** The enum with this id, if any. */
export function getEnum(model: OntologyModel, id: string): EnumDef | undefined {
  const def = model.documents.get(id);
  return def?.kind === 'Enum' ? def : undefined;
}

/** Every class and tagged union, in source order. */
export function classes(model: OntologyModel): ClassDef[] {
  return [...model.documents.values()].filter((d): d is ClassDef => d.kind === 'Class' || d.kind === 'TaggedUnion');
}

/** Every enum, in source order. */
export function enums(model: OntologyModel): EnumDef[] {
  return [...model.documents.values()].filter((d): d is EnumDef => d.kind === 'Enum');
}

/** All ancestors of a class (transitively, nearest first, no duplicates; stops on cycles and unknown parents). */
export function ancestors(model: OntologyModel, cls: ClassDef): ClassDef[] {
  const seen = new Set<string>([cls.id]);
  const out: ClassDef[] = [];
  const queue = [...cls.inherits];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const parent = getClass(model, id);
    if (parent === undefined) continue;
    out.push(parent);
    queue.push(...parent.inherits);
  }
  return out;
}

/** Own and inherited properties; an own property overrides an inherited one of the same name. */
export function allProperties(model: OntologyModel, cls: ClassDef): PropertyDef[] {
  const byName = new Map<string, PropertyDef>();
  for (const source of [...ancestors(model, cls)].reverse().concat(cls)) {
    for (const prop of source.properties) byName.set(prop.name, prop);
  }
  return [...byName.values()];
}

/** The class that declares `property` for `cls` (itself or the nearest ancestor). */
export function declaringClass(model: OntologyModel, cls: ClassDef, property: string): ClassDef | undefined {
  return [cls, ...ancestors(model, cls)].find((c) => c.properties.some((p) => p.name === property));
}

/** Concrete (non-abstract) classes that are `cls` or inherit from it, sorted by id. */
export function concreteSubclasses(model: OntologyModel, cls: ClassDef): ClassDef[] {
  return classes(model)
    .filter((c) => !c.abstract && (c.id === cls.id || ancestors(model, c).some((a) => a.id === cls.id)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** True for a class whose instances are top-level documents (not subdocuments, not tagged-union values). */
export function isDocumentClass(def: SchemaDef | undefined): def is ClassDef {
  return def !== undefined && def.kind === 'Class' && !def.subdocument;
}

/** True for a property that holds zero or more values. */
export function isCollection(prop: PropertyDef): boolean {
  return prop.family === 'Set' || prop.family === 'List' || prop.family === 'Array' || prop.family === 'Cardinality';
}

/** True for a property that may be absent (Optional, collections, `@oneOf` members). */
export function isOptional(prop: PropertyDef): boolean {
  return prop.family !== 'Required' || prop.oneOfGroup !== undefined;
}
