import type { ClassDef, Family, PropertyDef, SchemaModel } from '../schema/index.js';
import { graphqlSanitize, inverseFieldName, RESERVED_TYPE_NAMES } from './naming.js';

/** The GraphQL scalar a datatype maps to (TerminusDB `value.rs` `base_type_kind` + JSON). */
export type BaseKind = 'String' | 'Int' | 'BigInt' | 'Boolean' | 'Float' | 'BigFloat' | 'DateTime' | 'JSON';

/** What a field's values are. */
export type FieldRange =
  | { readonly type: 'base'; readonly base: BaseKind; readonly datatype: string }
  | { readonly type: 'class'; readonly cls: string }
  | { readonly type: 'enum'; readonly enumName: string }
  | { readonly type: 'foreign' };

/** One GraphQL field of a class, backed by a stored property. */
export interface FrameField {
  /** Sanitised GraphQL name. */
  readonly name: string;
  /** Contracted property name (key in stored documents). */
  readonly prop: string;
  /** Cardinality; `@oneOf` choices are Optional. */
  readonly family: Family;
  readonly range: FieldRange;
}

/** A backlink field `_<prop>_of_<Domain>` on the range class. */
export interface InverseField {
  readonly name: string;
  readonly prop: string;
  /** GraphQL name of the class holding the property. */
  readonly domain: string;
}

/** A class of the schema as the GraphQL layer sees it. */
export interface FrameClass {
  readonly name: string;
  /** Contracted class id. */
  readonly id: string;
  /** Properties in TerminusDB's field order: plain fields by name, then `@oneOf` choices. */
  readonly fields: readonly FrameField[];
  readonly byName: ReadonlyMap<string, FrameField>;
  readonly inverse: readonly InverseField[];
  /** Class ids of the class and its subclasses (for `include_children`). */
  readonly withChildren: readonly string[];
  /** A subdocument class: its instances are embedded in their owners, not top-level documents. */
  readonly subdocument: boolean;
}

/** An enum with its value renaming (GraphQL name ↔ stored value). */
export interface FrameEnum {
  readonly name: string;
  readonly id: string;
  readonly values: readonly { readonly name: string; readonly value: string }[];
}

/** All frames of one schema. */
export interface Frames {
  readonly classes: ReadonlyMap<string, FrameClass>;
  readonly enums: ReadonlyMap<string, FrameEnum>;
  /** Contracted class id → GraphQL name. */
  readonly nameOfClass: ReadonlyMap<string, string>;
  readonly model: SchemaModel;
}

/** Thrown when the schema cannot be turned into GraphQL (TerminusDB answers 500). */
export class SchemaBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaBuildError';
  }
}

const SMALL_INT = new Set(['byte', 'short', 'int', 'long', 'unsignedByte', 'unsignedShort', 'unsignedInt']);
const BIG_INT = new Set(['unsignedLong', 'integer', 'positiveInteger', 'nonNegativeInteger', 'negativeInteger', 'nonPositiveInteger']);

/** The scalar kind of a datatype range (`xsd:…`, `sys:…`; other datatypes are strings). */
export function baseKind(datatype: string): BaseKind {
  if (datatype === 'sys:JSON') return 'JSON';
  const local = datatype.slice(datatype.indexOf(':') + 1);
  if (!datatype.startsWith('xsd:')) return 'String';
  if (SMALL_INT.has(local)) return 'Int';
  if (BIG_INT.has(local)) return 'BigInt';
  if (local === 'boolean') return 'Boolean';
  if (local === 'float' || local === 'double') return 'Float';
  if (local === 'dateTime' || local === 'dateTimeStamp') return 'DateTime';
  if (local === 'decimal') return 'BigFloat';
  return 'String';
}

/** Ranges named by these prefixes are datatypes when no class has that name. */
const DATATYPE_PREFIX = /^(xsd|xdd|rdf|rdfs|sys):[^/]/;

const isFrameClass = (c: ClassDef | undefined): boolean => c !== undefined && (c.kind === 'Class' || c.kind === 'TaggedUnion');

function rangeOf(model: SchemaModel, range: string, name: (id: string) => string): FieldRange {
  const cls = model.classes.get(range);
  if (cls !== undefined && isFrameClass(cls)) return { type: 'class', cls: name(range) };
  if (cls?.kind === 'Enum') return { type: 'enum', enumName: name(range) };
  if (cls === undefined && DATATYPE_PREFIX.test(range)) {
    return { type: 'base', base: baseKind(range), datatype: range };
  }
  return { type: 'foreign' };
}

function uniqueName(seen: Map<string, string>, sanitized: string, original: string, what: string): void {
  const prev = seen.get(sanitized);
  if (prev !== undefined && prev !== original) {
    throw new SchemaBuildError(
      `This schema has name collisions under TerminusDB's automatic GraphQL sanitation renaming: ${what} '${prev}' and '${original}' both become '${sanitized}'`,
    );
  }
  seen.set(sanitized, original);
}

function fieldsOf(model: SchemaModel, cls: ClassDef, name: (id: string) => string): FrameField[] {
  const oneOfNames = new Set(cls.oneOfs.flatMap((o) => [...o.keys()]));
  const seen = new Map<string, string>();
  const make = (p: PropertyDef, oneOf: boolean): FrameField => {
    const gql = graphqlSanitize(p.name);
    uniqueName(seen, gql, p.name, 'field');
    const family: Family = oneOf && p.family === 'One' ? 'Optional' : p.family;
    return { name: gql, prop: p.name, family, range: rangeOf(model, p.range, name) };
  };
  const plain = [...cls.properties.values()].filter((p) => !oneOfNames.has(p.name)).map((p) => make(p, false));
  plain.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const choices: FrameField[] = [];
  for (const group of cls.oneOfs) {
    const sorted = [...group.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const p of sorted) if (!choices.some((c) => c.prop === p.name)) choices.push(make(p, true));
  }
  return [...plain, ...choices];
}

/** Builds the frames of a schema model; throws SchemaBuildError on name collisions. */
export function buildFrames(model: SchemaModel): Frames {
  const classNames = new Map<string, string>();
  for (const r of RESERVED_TYPE_NAMES) classNames.set(r, `reserved:${r}`);
  const nameOfClass = new Map<string, string>();
  for (const c of model.classes.values()) {
    if (!isFrameClass(c) && c.kind !== 'Enum') continue;
    const gql = graphqlSanitize(c.id);
    uniqueName(classNames, gql, c.id, 'class');
    nameOfClass.set(c.id, gql);
  }
  const name = (id: string): string => nameOfClass.get(id) ?? graphqlSanitize(id);
  const enums = new Map<string, FrameEnum>();
  const draft = new Map<string, { cls: ClassDef; fields: FrameField[] }>();
  for (const c of model.classes.values()) {
    if (c.kind === 'Enum') {
      const seen = new Map<string, string>();
      const values = (c.values ?? []).map((v) => {
        const n = graphqlSanitize(v);
        uniqueName(seen, n, v, 'enum value');
        return { name: n, value: v };
      });
      enums.set(name(c.id), { name: name(c.id), id: c.id, values });
    } else if (isFrameClass(c)) {
      draft.set(name(c.id), { cls: c, fields: fieldsOf(model, c, name) });
    }
  }
  const inverse = new Map<string, InverseField[]>();
  for (const [domain, { cls, fields }] of draft) {
    const oneOfNames = new Set(cls.oneOfs.flatMap((o) => [...o.keys()]));
    for (const f of fields) {
      if (f.range.type !== 'class' || oneOfNames.has(f.prop)) continue;
      const list = inverse.get(f.range.cls) ?? [];
      list.push({ name: inverseFieldName(f.name, domain), prop: f.prop, domain });
      inverse.set(f.range.cls, list);
    }
  }
  const classes = new Map<string, FrameClass>();
  const sortedNames = [...draft.keys()].sort();
  for (const gql of sortedNames) {
    const d = draft.get(gql);
    if (d === undefined) continue;
    const inv = (inverse.get(gql) ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const withChildren = model.subclassesOf(d.cls.id).filter((id) => isFrameClass(model.classes.get(id)));
    classes.set(gql, {
      name: gql,
      id: d.cls.id,
      fields: d.fields,
      byName: new Map(d.fields.map((f) => [f.name, f])),
      inverse: inv,
      withChildren,
      subdocument: d.cls.subdocument,
    });
  }
  return { classes, enums, nameOfClass, model };
}
