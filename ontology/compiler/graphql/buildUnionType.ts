import type { ClassDef } from '../model/types.js';
import type { UnionTypeManifest } from '../manifest/types.js';
import type { BuildContext } from './BuildContext.js';
import { buildClassFilter } from './buildFilters.js';
import { namedType } from './buildFields.js';
import { sanitizeName, typeName, unionBranchTypeName } from './names.js';
import { rangeInfo } from './ranges.js';
import { withDescription } from './sdlModel.js';
import { compareNames } from './TypeRegistry.js';

/**
 * Adds the GraphQL union for a TaggedUnion. A branch whose range is a class used by no other branch is
 * represented by that class's type; any other branch (datatype, `sys:Unit`, enum, repeated class) by a
 * generated wrapper type `<Union><Branch>` with one field named like the branch.
 */
export function buildUnionType(ctx: BuildContext, union: ClassDef): void {
  const t = typeName(union);
  const at = { file: union.file, document: union.id };
  const ranges = union.properties.map((p) => p.range);
  const branches: Record<string, UnionTypeManifest['branches'][string]> = {};
  const members: string[] = [];
  for (const prop of union.properties) {
    const info = rangeInfo(ctx.model, prop);
    const direct = (info.kind === 'document' || info.kind === 'subdocument') && !info.cls.abstract
      && ranges.filter((r) => r === prop.range).length === 1;
    if (direct) {
      members.push(namedType(info));
      branches[prop.name] = { type: namedType(info), wrapper: false, range: prop.range };
      continue;
    }
    const wrapper = unionBranchTypeName(union, prop.name);
    ctx.registry.add({
      kind: 'object', name: wrapper,
      description: `The \`${prop.name}\` branch of ${t}.${prop.comment !== undefined ? ` ${prop.comment}` : ''}`,
      fields: [{ name: sanitizeName(prop.name), type: `${namedType(info)}!` }],
    }, { ...at, property: prop.name });
    members.push(wrapper);
    branches[prop.name] = { type: wrapper, wrapper: true, range: prop.range };
  }
  ctx.registry.add({ kind: 'union', name: t, ...withDescription(union.comment), members: members.sort(compareNames) }, at);
  buildClassFilter(ctx, union);
  ctx.manifestTypes.set(t, { kind: 'union', class: union.id, branches });
}
