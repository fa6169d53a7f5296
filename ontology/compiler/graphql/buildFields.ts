import type { Backlink } from '../model/backlinks.js';
import { ancestors, declaringClass, isCollection, isOptional } from '../model/queries.js';
import type { ClassDef, PropertyDef } from '../model/types.js';
import type { FieldManifest } from '../manifest/types.js';
import type { BuildContext } from './BuildContext.js';
import { classPolicy, propertyPolicy, requiresScopes } from './classPolicy.js';
import { buildConnection, connectionArgs } from './buildConnection.js';
import { sanitizeName, typeName } from './names.js';
import { rangeInfo, type RangeInfo } from './ranges.js';
import { withDescription, type FieldDef } from './sdlModel.js';

/** A generated field and how the core subgraph resolves it. */
export interface BuiltField {
  readonly field: FieldDef;
  readonly manifest: FieldManifest;
}

/** The GraphQL named type of a range's values (classes: their type; unit: Boolean; foreign: ID). */
export function namedType(info: RangeInfo): string {
  switch (info.kind) {
    case 'datatype':
      return info.scalar;
    case 'unit':
      return 'Boolean';
    case 'enum':
      return typeName(info.def);
    case 'foreign':
      return 'ID';
    default:
      return typeName(info.cls);
  }
}

/** Wraps a named type for a property's family: `T!`, `T`, `[T!]!`, or `[T]!` for arrays (holes). */
export function wrapType(named: string, prop: PropertyDef): string {
  if (prop.family === 'Array') return `[${named}]!`;
  if (isCollection(prop)) return `[${named}!]!`;
  return isOptional(prop) ? named : `${named}!`;
}

/** A property's comment, plus a note naming its `@oneOf` group when it belongs to one. */
export function describeProperty(ctx: BuildContext, owner: ClassDef, prop: PropertyDef): string | undefined {
  if (prop.oneOfGroup === undefined) return prop.comment;
  const declaring = declaringClass(ctx.model, owner, prop.name) ?? owner;
  const group = declaring.properties.filter((p) => p.oneOfGroup === prop.oneOfGroup).map((p) => `\`${p.name}\``);
  return `${prop.comment ?? ''} Exactly one of ${group.join(', ')} is set.`.trim();
}

/** The output field for a property of `owner` (own or inherited). */
export function buildPropertyField(ctx: BuildContext, owner: ClassDef, prop: PropertyDef): BuiltField {
  const info = rangeInfo(ctx.model, prop);
  const named = namedType(info);
  const connection = isCollection(prop) && (info.kind === 'document' || info.kind === 'subdocument');
  const policy = propertyPolicy(ctx.model, owner, prop.name);
  const typePolicy = classPolicy(ctx.model, owner);
  const directives = [
    ...(policy.pii && policy.scopes.length === 0 && !typePolicy.authenticated ? ['@authenticated'] : []),
    ...(policy.scopes.length > 0 ? [requiresScopes(policy.scopes)] : []),
  ];
  const field: FieldDef = {
    name: sanitizeName(prop.name),
    ...withDescription(describeProperty(ctx, owner, prop)),
    ...(connection && (info.kind === 'document' || info.kind === 'subdocument')
      ? { type: `${buildConnection(ctx, info.cls)}!`, args: connectionArgs(ctx, info.cls) }
      : { type: wrapType(named, prop) }),
    ...(directives.length > 0 ? { directives } : {}),
  };
  const manifest: FieldManifest = {
    kind: 'property',
    property: prop.name,
    declaredBy: declaringClass(ctx.model, owner, prop.name)?.id ?? owner.id,
    family: prop.family,
    range: prop.range,
    rangeKind: info.kind,
    ...(info.kind === 'datatype' ? { scalar: info.scalar } : {}),
    type: named,
    connection,
    pii: policy.pii,
    scopes: policy.scopes,
    embed: typePolicy.embed.includes(prop.name),
  };
  return { field, manifest };
}

/** The backlink fields of a type: links into `cls` or into one of its ancestors. */
export function backlinksInto(ctx: BuildContext, cls: ClassDef): Backlink[] {
  const targets = new Set([cls.id, ...ancestors(ctx.model, cls).map((a) => a.id)]);
  return ctx.backlinks.filter((b) => targets.has(b.target.id));
}

/** The output field for a backlink: a connection of the source class. */
export function buildBacklinkField(ctx: BuildContext, link: Backlink): BuiltField {
  const source = typeName(link.source);
  const path = link.path.join('.');
  return {
    field: {
      name: link.fieldName,
      type: `${buildConnection(ctx, link.source)}!`,
      args: connectionArgs(ctx, link.source),
      description: `${source} documents whose \`${path}\` points here.`,
    },
    manifest: { kind: 'backlink', source: link.source.id, path: link.path, type: source, connection: true },
  };
}
