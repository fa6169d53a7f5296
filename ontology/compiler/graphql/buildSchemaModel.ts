import type { Diagnostic } from '../diagnostics.js';
import { classes, enums, isDocumentClass } from '../model/queries.js';
import type { OntologyModel } from '../model/types.js';
import type { ModelManifest, RootFieldManifest } from '../manifest/types.js';
import { createBuildContext } from './BuildContext.js';
import { buildClassType } from './buildClassType.js';
import { buildEnumType } from './buildEnumType.js';
import { buildMutationFields, buildQueryFields, buildStaticRootFields } from './buildRootFields.js';
import { buildStaticTypes } from './buildStaticTypes.js';
import { buildUnionType } from './buildUnionType.js';
import type { TypeDef } from './sdlModel.js';
import { compareNames } from './TypeRegistry.js';

/** The generated types (sorted), the manifest, and any name clash found while generating. */
export interface SchemaModel {
  readonly types: readonly TypeDef[];
  readonly manifest: ModelManifest;
  readonly diagnostics: readonly Diagnostic[];
}

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of [...entries].sort((a, b) => compareNames(a[0], b[0]))) out[k] = v;
  return out;
}

/** Generates the GraphQL types and the model manifest for a validated ontology. */
export function buildSchemaModel(model: OntologyModel, generatedBy: string): SchemaModel {
  const ctx = createBuildContext(model);
  buildStaticTypes(ctx.registry);
  for (const def of enums(model)) buildEnumType(ctx, def);
  for (const cls of classes(model)) {
    if (cls.kind === 'TaggedUnion') buildUnionType(ctx, cls);
    else buildClassType(ctx, cls);
    if (isDocumentClass(cls)) {
      buildQueryFields(ctx, cls);
      if (!cls.abstract) buildMutationFields(ctx, cls);
    }
  }
  buildStaticRootFields(ctx);
  const byName = (a: { name: string }, b: { name: string }): number => compareNames(a.name, b.name);
  ctx.registry.add({ kind: 'object', name: 'Query', fields: [...ctx.query].sort(byName) });
  ctx.registry.add({ kind: 'object', name: 'Mutation', fields: [...ctx.mutation].sort(byName) });
  const manifest: ModelManifest = {
    version: 1,
    generatedBy,
    context: { base: model.context.base, schema: model.context.schema },
    types: sortedRecord(ctx.manifestTypes),
    changeInput: sortedRecord([...ctx.changeInput].map(([k, v]) => [k, v.type] as const)),
    query: sortedRecord<RootFieldManifest>(ctx.queryManifest),
    mutation: sortedRecord<RootFieldManifest>(ctx.mutationManifest),
  };
  return { types: ctx.registry.types(), manifest, diagnostics: ctx.registry.diagnostics };
}
