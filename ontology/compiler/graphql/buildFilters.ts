import { allProperties, isCollection } from '../model/queries.js';
import type { ClassDef, EnumDef } from '../model/types.js';
import type { BuildContext } from './BuildContext.js';
import { SCALAR_FILTERS } from './buildStaticTypes.js';
import { sanitizeName, typeName } from './names.js';
import { rangeInfo, type RangeInfo } from './ranges.js';
import type { FieldDef } from './sdlModel.js';
import { compareNames } from './TypeRegistry.js';

function enumFilter(ctx: BuildContext, def: EnumDef): string {
  const name = `${typeName(def)}Filter`;
  ctx.registry.add({
    kind: 'input', name, description: `Compares a ${typeName(def)} value.`,
    fields: [{ name: 'eq', type: typeName(def) }, { name: 'ne', type: typeName(def) }],
  }, { file: def.file, document: def.id });
  return name;
}

/** The filter input for one value of a range, or undefined when values of the range cannot be filtered. */
function valueFilter(ctx: BuildContext, info: RangeInfo): string | undefined {
  switch (info.kind) {
    case 'datatype':
      return SCALAR_FILTERS[info.scalar];
    case 'unit':
      return undefined;
    case 'enum':
      return enumFilter(ctx, info.def);
    case 'document':
    case 'subdocument':
    case 'union':
      return `${typeName(info.cls)}Filter`;
    case 'foreign':
      return 'IdFilter';
    default: {
      const never: never = info;
      throw new Error(`unreachable range ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The filter input for a property: the value filter, or for collections `<X>CollectionFilter`
 * (`someHave` / `allHave`), added on first use.
 */
export function filterTypeFor(ctx: BuildContext, info: RangeInfo, collection: boolean): string | undefined {
  const inner = valueFilter(ctx, info);
  if (inner === undefined || !collection) return inner;
  const name = `${inner.slice(0, -'Filter'.length)}CollectionFilter`;
  ctx.registry.add({
    kind: 'input', name, description: 'Matches a collection: `someHave` (any element matches) or `allHave` (every element matches).',
    fields: [{ name: 'allHave', type: inner }, { name: 'someHave', type: inner }],
  });
  return name;
}

/**
 * Adds `<Class>Filter`: one entry per filterable property (own and inherited; branches for a tagged
 * union), plus `_id`, `_ids`, `_and`, `_or`, `_not` — the shape of TerminusDB's `<Class>_Filter`, so a
 * filter can be pushed down unchanged (enum values mapped through the manifest).
 */
export function buildClassFilter(ctx: BuildContext, cls: ClassDef): string {
  const name = `${typeName(cls)}Filter`;
  const fields: FieldDef[] = [];
  for (const prop of allProperties(ctx.model, cls)) {
    const type = filterTypeFor(ctx, rangeInfo(ctx.model, prop), isCollection(prop));
    if (type !== undefined) fields.push({ name: sanitizeName(prop.name), type });
  }
  fields.sort((a, b) => compareNames(a.name, b.name));
  ctx.registry.add({
    kind: 'input', name, description: `Selects ${typeName(cls)} values. Entries are combined with AND.`,
    fields: [
      { name: '_and', type: `[${name}!]`, description: 'Every filter matches.' },
      { name: '_id', type: 'ID' },
      { name: '_ids', type: '[ID!]' },
      { name: '_not', type: name, description: 'The filter does not match.' },
      { name: '_or', type: `[${name}!]`, description: 'At least one filter matches.' },
      ...fields,
    ],
  }, { file: cls.file, document: cls.id });
  return name;
}

/** Adds `<Class>Ordering` over the single-valued datatype properties; undefined when there are none. */
export function buildOrdering(ctx: BuildContext, cls: ClassDef): string | undefined {
  const fields = allProperties(ctx.model, cls)
    .filter((p) => !isCollection(p))
    .filter((p) => {
      const info = rangeInfo(ctx.model, p);
      return info.kind === 'datatype' && info.scalar !== 'JSON';
    })
    .map((p): FieldDef => ({ name: sanitizeName(p.name), type: 'SortOrder' }))
    .sort((a, b) => compareNames(a.name, b.name));
  if (fields.length === 0) return undefined;
  const name = `${typeName(cls)}Ordering`;
  ctx.registry.add({
    kind: 'input', name, description: `One sort key of ${typeName(cls)}; \`orderBy\` takes a list, most significant key first (document order when absent).`, fields,
  }, { file: cls.file, document: cls.id });
  return name;
}
