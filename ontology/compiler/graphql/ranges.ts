import { getClass, getEnum, isDatatype } from '../model/queries.js';
import type { ClassDef, EnumDef, OntologyModel, PropertyDef } from '../model/types.js';

/** GraphQL scalars used for datatypes. */
export type ScalarName = 'String' | 'Boolean' | 'Int' | 'Float' | 'BigInt' | 'BigFloat' | 'DateTime' | 'JSON';

const INT = ['byte', 'short', 'int', 'long', 'unsignedByte', 'unsignedShort', 'unsignedInt'];
const BIG_INT = ['integer', 'unsignedLong', 'positiveInteger', 'nonNegativeInteger', 'negativeInteger', 'nonPositiveInteger'];

/** The GraphQL scalar of a datatype, as TerminusDB's own GraphQL maps it (§11). */
export function scalarFor(datatype: string): ScalarName {
  const local = datatype.startsWith('xsd:') ? datatype.slice(4) : undefined;
  if (local === 'boolean') return 'Boolean';
  if (local !== undefined && INT.includes(local)) return 'Int';
  if (local !== undefined && BIG_INT.includes(local)) return 'BigInt';
  if (local === 'float' || local === 'double') return 'Float';
  if (local === 'decimal') return 'BigFloat';
  if (local === 'dateTime' || local === 'dateTimeStamp') return 'DateTime';
  if (datatype === 'sys:JSON' || datatype === 'xdd:json') return 'JSON';
  return 'String';
}

/** What a property's range is, for code generation. */
export type RangeInfo =
  | { readonly kind: 'datatype'; readonly scalar: ScalarName }
  | { readonly kind: 'unit' }
  | { readonly kind: 'enum'; readonly def: EnumDef }
  | { readonly kind: 'document' | 'subdocument' | 'union'; readonly cls: ClassDef }
  | { readonly kind: 'foreign' };

/** Classifies a property's range. Call only on a validated model (unknown ranges throw). */
export function rangeInfo(model: OntologyModel, prop: PropertyDef): RangeInfo {
  if (prop.range === 'sys:Unit') return { kind: 'unit' };
  if (isDatatype(prop.range)) return { kind: 'datatype', scalar: scalarFor(prop.range) };
  const def = getEnum(model, prop.range);
  if (def !== undefined) return { kind: 'enum', def };
  const cls = getClass(model, prop.range);
  if (cls !== undefined) {
    if (cls.kind === 'TaggedUnion') return { kind: 'union', cls };
    return { kind: cls.subdocument ? 'subdocument' : 'document', cls };
  }
  if (model.documents.get(prop.range)?.kind === 'Foreign') return { kind: 'foreign' };
  throw new Error(`invariant: unknown range ${prop.range} survived validation`);
}
