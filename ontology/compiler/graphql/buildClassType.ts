import { allProperties, ancestors, concreteSubclasses } from '../model/queries.js';
import type { ClassDef } from '../model/types.js';
import type { FieldManifest } from '../manifest/types.js';
import type { BuildContext } from './BuildContext.js';
import { buildBacklinkField, buildPropertyField, backlinksInto, type BuiltField } from './buildFields.js';
import { buildClassFilter, buildOrdering } from './buildFilters.js';
import { classPolicy, typeDirectives } from './classPolicy.js';
import { rootFieldNames, typeName } from './names.js';
import { withDescription } from './sdlModel.js';
import { compareNames } from './TypeRegistry.js';

/**
 * Adds the output type of a Class document: an entity (`@key(fields: "id")`) for a document class, an
 * interface (also keyed) for an abstract class, a plain object type for a subdocument. Fields: `id`, own
 * and inherited properties, then backlinks, each group sorted by name. Records the type in the manifest.
 */
export function buildClassType(ctx: BuildContext, cls: ClassDef): void {
  const t = typeName(cls);
  const at = { file: cls.file, document: cls.id };
  const policy = classPolicy(ctx.model, cls);
  const byName = (a: BuiltField, b: BuiltField): number => compareNames(a.field.name, b.field.name);
  const props = allProperties(ctx.model, cls).map((p) => buildPropertyField(ctx, cls, p)).sort(byName);
  const links = cls.subdocument ? [] : backlinksInto(ctx, cls).map((l) => buildBacklinkField(ctx, l)).sort(byName);
  const interfaces = cls.subdocument ? [] : ancestors(ctx.model, cls).filter((a) => a.abstract).map(typeName).sort(compareNames);
  const directives = [...(cls.subdocument ? [] : ['@key(fields: "id")']), ...typeDirectives(policy)];
  const idField: BuiltField = { field: { name: 'id', type: 'ID!', description: 'TerminusDB document id.' }, manifest: { kind: 'id' } };
  const fields = [idField, ...props, ...links];
  ctx.registry.add({
    kind: cls.abstract ? 'interface' : 'object',
    name: t,
    ...withDescription(cls.comment),
    ...(interfaces.length > 0 ? { interfaces } : {}),
    directives,
    fields: fields.map((f) => f.field),
  }, at);
  const filter = buildClassFilter(ctx, cls);
  const ordering = buildOrdering(ctx, cls);
  const manifestFields: Record<string, FieldManifest> = {};
  for (const f of fields) manifestFields[f.field.name] = f.manifest;
  ctx.manifestTypes.set(t, {
    kind: cls.subdocument ? 'object' : cls.abstract ? 'interface' : 'entity',
    class: cls.id,
    abstract: cls.abstract,
    subdocument: cls.subdocument,
    ...(cls.key !== undefined ? { key: cls.key } : {}),
    implements: interfaces,
    concreteClasses: concreteSubclasses(ctx.model, cls).map((c) => c.id),
    authenticated: policy.authenticated,
    scopes: policy.scopes,
    embed: policy.embed,
    ...(cls.subdocument ? {} : { rootFields: rootFieldNames(cls) }),
    filter,
    ...(ordering !== undefined ? { ordering } : {}),
    fields: manifestFields,
  });
}
