import type { EnumDef } from '../model/types.js';
import type { BuildContext } from './BuildContext.js';
import { enumValueName, typeName } from './names.js';
import { withDescription } from './sdlModel.js';

/** Adds the GraphQL enum for an Enum document (values in CONSTANT_CASE, schema order) and its manifest entry. */
export function buildEnumType(ctx: BuildContext, def: EnumDef): void {
  const values: Record<string, string> = {};
  for (const value of def.values) values[enumValueName(value)] = value;
  ctx.registry.add({
    kind: 'enum',
    name: typeName(def),
    ...withDescription(def.comment),
    values: def.values.map((v) => ({ name: enumValueName(v), ...withDescription(def.valueComments[v]) })),
  }, { file: def.file, document: def.id });
  ctx.manifestTypes.set(typeName(def), { kind: 'enum', enum: def.id, values });
}
