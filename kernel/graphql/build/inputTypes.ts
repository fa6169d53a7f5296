import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLScalarType,
} from 'graphql';
import type { BaseKind, FrameClass, FrameField, Frames } from '../frames.js';
import { collectionFilterName, enumFilterName, filterName, orderingName } from '../naming.js';
import { BigFloatScalar, BigIntScalar, DateTimeScalar } from '../scalars.js';

const COMPARISON_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;

function comparisonFilter(name: string, scalar: GraphQLScalarType): GraphQLInputObjectType {
  const fields: GraphQLInputFieldConfigMap = {};
  for (const op of COMPARISON_OPS) fields[op] = { type: scalar };
  return new GraphQLInputObjectType({ name, fields });
}

function collectionOf(name: string, inner: GraphQLInputType): GraphQLInputObjectType {
  return new GraphQLInputObjectType({ name, fields: { someHave: { type: inner }, allHave: { type: inner } } });
}

/** The GraphQL input and enum types of one schema, created on demand and shared. */
export class InputTypes {
  /** `TerminusOrdering { ASC DESC }`. */
  readonly ordering = new GraphQLEnumType({ name: 'TerminusOrdering', values: { ASC: { value: 'ASC' }, DESC: { value: 'DESC' } } });
  /** `GraphType { InstanceGraph SchemaGraph }` of the mutations. */
  readonly graphType = new GraphQLEnumType({
    name: 'GraphType',
    values: { InstanceGraph: { value: 'instance' }, SchemaGraph: { value: 'schema' } },
  });
  private readonly base: Record<BaseKind, GraphQLInputObjectType>;
  private readonly baseCollection: Record<BaseKind, GraphQLInputObjectType>;
  private readonly idFilter: GraphQLInputObjectType;
  private readonly idCollection: GraphQLInputObjectType;
  private readonly enums = new Map<string, GraphQLEnumType>();
  private readonly filters = new Map<string, GraphQLInputObjectType>();
  private readonly collections = new Map<string, GraphQLInputObjectType>();
  private readonly enumFilters = new Map<string, GraphQLInputObjectType>();
  private readonly orderings = new Map<string, GraphQLInputObjectType | undefined>();

  constructor(private readonly frames: Frames) {
    const stringFilter = new GraphQLInputObjectType({
      name: 'StringFilter',
      fields: {
        ...Object.fromEntries(COMPARISON_OPS.map((op) => [op, { type: GraphQLString }])),
        regex: { type: GraphQLString },
        startsWith: { type: GraphQLString },
        allOfTerms: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
        anyOfTerms: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
      },
    });
    const booleanFilter = new GraphQLInputObjectType({ name: 'BooleanFilter', fields: { eq: { type: GraphQLBoolean }, ne: { type: GraphQLBoolean } } });
    this.base = {
      String: stringFilter,
      JSON: stringFilter,
      Int: comparisonFilter('IntFilter', GraphQLInt),
      Float: comparisonFilter('FloatFilter', GraphQLFloat),
      BigInt: comparisonFilter('BigIntFilter', BigIntScalar),
      BigFloat: comparisonFilter('BigFloatFilter', BigFloatScalar),
      DateTime: comparisonFilter('DateTimeFilter', DateTimeScalar),
      Boolean: booleanFilter,
    };
    const collection = (kind: Exclude<BaseKind, 'JSON'>): GraphQLInputObjectType => collectionOf(`Collection${kind}Filter`, this.base[kind]);
    const stringCollection = collection('String');
    this.baseCollection = {
      String: stringCollection,
      JSON: stringCollection,
      Int: collection('Int'),
      Float: collection('Float'),
      BigInt: collection('BigInt'),
      BigFloat: collection('BigFloat'),
      DateTime: collection('DateTime'),
      Boolean: collection('Boolean'),
    };
    this.idFilter = new GraphQLInputObjectType({
      name: 'IdFilter',
      fields: { _id: { type: GraphQLID }, _ids: { type: new GraphQLList(new GraphQLNonNull(GraphQLID)) } },
    });
    this.idCollection = collectionOf('CollectionIdFilterInputObject', this.idFilter);
  }

  /** The GraphQL enum of a schema enum (values renamed, internal values are the stored values). */
  enumType(name: string): GraphQLEnumType {
    let t = this.enums.get(name);
    if (t === undefined) {
      const e = this.frames.enums.get(name);
      t = new GraphQLEnumType({ name, values: Object.fromEntries((e?.values ?? []).map((v) => [v.name, { value: v.value }])) });
      this.enums.set(name, t);
    }
    return t;
  }

  private enumFilter(name: string): GraphQLInputObjectType {
    let t = this.enumFilters.get(name);
    if (t === undefined) {
      const e = this.enumType(name);
      t = new GraphQLInputObjectType({ name: enumFilterName(name), fields: { eq: { type: e }, ne: { type: e } } });
      this.enumFilters.set(name, t);
    }
    return t;
  }

  private collectionFilter(name: string, inner: () => GraphQLInputType): GraphQLInputObjectType {
    let t = this.collections.get(name);
    if (t === undefined) {
      t = new GraphQLInputObjectType({ name: collectionFilterName(name), fields: () => ({ someHave: { type: inner() }, allHave: { type: inner() } }) });
      this.collections.set(name, t);
    }
    return t;
  }

  private fieldFilter(f: FrameField): GraphQLInputType {
    const collection = f.family === 'Set' || f.family === 'List' || f.family === 'Array';
    const r = f.range;
    switch (r.type) {
      case 'base':
        return collection ? this.baseCollection[r.base] : this.base[r.base];
      case 'enum':
        return collection ? this.collectionFilter(r.enumName, () => this.enumFilter(r.enumName)) : this.enumFilter(r.enumName);
      case 'class':
        return collection ? this.collectionFilter(r.cls, () => this.filterType(r.cls)) : this.filterType(r.cls);
      case 'foreign':
        return collection ? this.idCollection : this.idFilter;
      default: {
        const never: never = r;
        return never;
      }
    }
  }

  /** `<Class>_Filter`. */
  filterType(clsName: string): GraphQLInputObjectType {
    let t = this.filters.get(clsName);
    if (t === undefined) {
      const cls = this.frames.classes.get(clsName);
      const self = (): GraphQLInputObjectType => this.filterType(clsName);
      t = new GraphQLInputObjectType({
        name: filterName(clsName),
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const f of cls?.fields ?? []) fields[f.name] = { type: this.fieldFilter(f) };
          fields['_id'] = { type: GraphQLID };
          fields['_ids'] = { type: new GraphQLList(new GraphQLNonNull(GraphQLID)) };
          fields['_and'] = { type: new GraphQLList(new GraphQLNonNull(self())) };
          fields['_or'] = { type: new GraphQLList(new GraphQLNonNull(self())) };
          fields['_not'] = { type: self() };
          return fields;
        },
      });
      this.filters.set(clsName, t);
    }
    return t;
  }

  /** `<Class>_Ordering` over its datatype fields, or undefined when it has none (no `orderBy`). */
  orderingType(cls: FrameClass): GraphQLInputObjectType | undefined {
    if (this.orderings.has(cls.name)) return this.orderings.get(cls.name);
    const base = cls.fields.filter((f) => f.range.type === 'base');
    const t =
      base.length === 0
        ? undefined
        : new GraphQLInputObjectType({
            name: orderingName(cls.name),
            fields: Object.fromEntries(base.map((f) => [f.name, { type: this.ordering }])),
          });
    this.orderings.set(cls.name, t);
    return t;
  }
}
