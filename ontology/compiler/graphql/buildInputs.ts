import { allProperties, isCollection, isOptional } from '../model/queries.js';
import type { ClassDef, PropertyDef } from '../model/types.js';
import type { BuildContext } from './BuildContext.js';
import { lowerFirst, sanitizeName, typeName } from './names.js';
import { rangeInfo, type RangeInfo } from './ranges.js';
import { withDescription, type FieldDef } from './sdlModel.js';
import { describeProperty } from './buildFields.js';
import { compareNames } from './TypeRegistry.js';

/** Input type of one value: links are ids, subdocuments and tagged unions nested inputs. */
function inputNamedType(ctx: BuildContext, info: RangeInfo): string {
  switch (info.kind) {
    case 'datatype':
      return info.scalar;
    case 'unit':
      return 'Boolean';
    case 'enum':
      return typeName(info.def);
    case 'document':
    case 'foreign':
      return 'ID';
    case 'subdocument':
      return buildClassInput(ctx, info.cls);
    case 'union':
      return buildUnionInput(ctx, info.cls);
    default: {
      const never: never = info;
      throw new Error(`unreachable range ${JSON.stringify(never)}`);
    }
  }
}

function inputField(ctx: BuildContext, owner: ClassDef, prop: PropertyDef, allOptional: boolean): FieldDef {
  const named = inputNamedType(ctx, rangeInfo(ctx.model, prop));
  const type = prop.family === 'Array' ? `[${named}]` : isCollection(prop) ? `[${named}!]` : isOptional(prop) || allOptional ? named : `${named}!`;
  return { name: sanitizeName(prop.name), type, ...withDescription(describeProperty(ctx, owner, prop)) };
}

function fieldsOf(ctx: BuildContext, cls: ClassDef, allOptional: boolean): FieldDef[] {
  return allProperties(ctx.model, cls).map((p) => inputField(ctx, cls, p, allOptional)).sort((a, b) => compareNames(a.name, b.name));
}

/** Adds `<Class>Input` (a full document for create and replace; collections default to empty). */
export function buildClassInput(ctx: BuildContext, cls: ClassDef): string {
  const name = `${typeName(cls)}Input`;
  if (ctx.inputsStarted.has(name)) return name;
  ctx.inputsStarted.add(name);
  ctx.registry.add({ kind: 'input', name, description: `A complete ${typeName(cls)}; links are given by id.`, fields: fieldsOf(ctx, cls, false) },
    { file: cls.file, document: cls.id });
  return name;
}

/** Adds `<Class>Patch`: a JSON merge patch — absent fields are kept, `null` removes an optional value. */
export function buildPatchInput(ctx: BuildContext, cls: ClassDef): string {
  const name = `${typeName(cls)}Patch`;
  ctx.registry.add({
    kind: 'input', name,
    description: `Changes to a ${typeName(cls)} (merge patch): absent fields are kept, null removes an optional value, collections and subdocuments are replaced whole.`,
    fields: fieldsOf(ctx, cls, true),
  }, { file: cls.file, document: cls.id });
  return name;
}

/** Adds `<Union>Input`, a `@oneOf` input with one field per branch. */
export function buildUnionInput(ctx: BuildContext, union: ClassDef): string {
  const name = `${typeName(union)}Input`;
  if (ctx.inputsStarted.has(name)) return name;
  ctx.inputsStarted.add(name);
  const fields = union.properties
    .map((p): FieldDef => {
      const f = inputField(ctx, union, p, true);
      return rangeInfo(ctx.model, p).kind === 'unit' ? { ...f, description: `${f.description ?? ''} Give \`true\`.`.trim() } : f;
    })
    .sort((a, b) => compareNames(a.name, b.name));
  ctx.registry.add({ kind: 'input', name, description: `Exactly one branch of ${typeName(union)}.`, directives: ['@oneOf'], fields },
    { file: union.file, document: union.id });
  return name;
}

/**
 * Adds `<Class>Change` (`@oneOf`: create, update, replace or delete one document) with its
 * `<Class>UpdateInput` and `<Class>ReplaceInput`, and registers it as a field of `ChangeInput`.
 */
export function buildChangeInput(ctx: BuildContext, cls: ClassDef): void {
  const t = typeName(cls);
  const at = { file: cls.file, document: cls.id };
  const input = buildClassInput(ctx, cls);
  const patch = buildPatchInput(ctx, cls);
  ctx.registry.add({ kind: 'input', name: `${t}UpdateInput`, fields: [{ name: 'id', type: 'ID!' }, { name: 'patch', type: `${patch}!` }] }, at);
  ctx.registry.add({ kind: 'input', name: `${t}ReplaceInput`, fields: [{ name: 'id', type: 'ID!' }, { name: 'input', type: `${input}!` }] }, at);
  ctx.registry.add({
    kind: 'input', name: `${t}Change`, description: `One change to a ${t}.`, directives: ['@oneOf'],
    fields: [
      { name: 'create', type: input },
      { name: 'delete', type: 'ID', description: 'Id of the document to delete.' },
      { name: 'replace', type: `${t}ReplaceInput` },
      { name: 'update', type: `${t}UpdateInput` },
    ],
  }, at);
  const field = lowerFirst(t);
  ctx.changeInput.set(field, { field: { name: field, type: `${t}Change` }, type: t });
}
