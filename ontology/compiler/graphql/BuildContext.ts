import { backlinks, type Backlink } from '../model/backlinks.js';
import type { OntologyModel } from '../model/types.js';
import type { ClassTypeManifest, EnumTypeManifest, RootFieldManifest, UnionTypeManifest } from '../manifest/types.js';
import type { FieldDef } from './sdlModel.js';
import { TypeRegistry } from './TypeRegistry.js';

/** Shared state of one compilation: the model, the types produced so far and the manifest being built. */
export interface BuildContext {
  readonly model: OntologyModel;
  readonly registry: TypeRegistry;
  readonly backlinks: readonly Backlink[];
  readonly manifestTypes: Map<string, ClassTypeManifest | UnionTypeManifest | EnumTypeManifest>;
  readonly query: FieldDef[];
  readonly mutation: FieldDef[];
  readonly queryManifest: Map<string, RootFieldManifest>;
  readonly mutationManifest: Map<string, RootFieldManifest>;
  readonly changeInput: Map<string, { readonly field: FieldDef; readonly type: string }>;
  /** Input types already built or being built (inputs may be recursive through subdocuments). */
  readonly inputsStarted: Set<string>;
}

/** Creates the state for compiling one (validated) model. */
export function createBuildContext(model: OntologyModel): BuildContext {
  return {
    model,
    registry: new TypeRegistry(),
    backlinks: backlinks(model),
    manifestTypes: new Map(),
    query: [],
    mutation: [],
    queryManifest: new Map(),
    mutationManifest: new Map(),
    changeInput: new Map(),
    inputsStarted: new Set(),
  };
}
