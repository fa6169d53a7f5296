import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql/index.js';

/** What a field or type demands of the caller: all of `authenticated` and one of the `scopes` sets. */
export interface Requirement {
  readonly authenticated: boolean;
  /** `@requiresScopes(scopes:)`: OR of AND-sets; undefined = no scope check. */
  readonly scopes?: readonly (readonly string[])[];
}

/** `@authenticated` / `@requiresScopes` of a supergraph, by type name and by `Type.field`. */
export interface AuthDirectives {
  readonly types: ReadonlyMap<string, Requirement>;
  readonly fields: ReadonlyMap<string, Requirement>;
  /** True when the supergraph uses neither directive (authorization is then skipped). */
  readonly empty: boolean;
}

/** The caller as authorization sees it. */
export interface AuthState {
  readonly authenticated: boolean;
  readonly scopes: ReadonlySet<string>;
}

/** Whether the caller meets a requirement. */
export function satisfies(req: Requirement, auth: AuthState): boolean {
  if ((req.authenticated || req.scopes !== undefined) && !auth.authenticated) return false;
  if (req.scopes === undefined) return true;
  return req.scopes.some((all) => all.every((s) => auth.scopes.has(s)));
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined, names: { authenticated: string; requiresScopes: string }): Requirement | undefined {
  let authenticated = false;
  let scopes: string[][] | undefined;
  for (const d of directives ?? []) {
    if (d.name.value === names.authenticated) authenticated = true;
    if (d.name.value === names.requiresScopes) {
      const arg = d.arguments?.find((a) => a.name.value === 'scopes');
      if (arg?.value.kind !== Kind.LIST) continue;
      const sets = arg.value.values.map((set) => (set.kind === Kind.LIST ? set.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []));
      scopes = [...(scopes ?? []), ...sets];
    }
  }
  if (!authenticated && scopes === undefined) return undefined;
  return scopes === undefined ? { authenticated } : { authenticated, scopes };
}

/** Local names of the directives, following `@link(url: ".../authenticated/v0.1", as: "...")`. */
function directiveNames(doc: DocumentNode): { authenticated: string; requiresScopes: string } {
  const names = { authenticated: 'authenticated', requiresScopes: 'requiresScopes' };
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'link') continue;
      const url = d.arguments?.find((a) => a.name.value === 'url')?.value;
      const as = d.arguments?.find((a) => a.name.value === 'as')?.value;
      if (url?.kind !== Kind.STRING || as?.kind !== Kind.STRING) continue;
      if (url.value.includes('/authenticated/')) names.authenticated = as.value;
      if (url.value.includes('/requiresScopes/')) names.requiresScopes = as.value;
    }
  }
  return names;
}

/** Reads the authorization directives of a supergraph SDL. */
export function readAuthDirectives(supergraphSdl: string | DocumentNode): AuthDirectives {
  const doc = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const names = directiveNames(doc);
  const types = new Map<string, Requirement>();
  const fields = new Map<string, Requirement>();
  for (const def of doc.definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.INTERFACE_TYPE_EXTENSION &&
      def.kind !== Kind.SCALAR_TYPE_DEFINITION &&
      def.kind !== Kind.ENUM_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeReq = requirementOf(def.directives, names);
    if (typeReq !== undefined) types.set(def.name.value, typeReq);
    if (!('fields' in def)) continue;
    for (const field of def.fields ?? []) {
      const req = requirementOf(field.directives, names);
      if (req !== undefined) fields.set(`${def.name.value}.${field.name.value}`, req);
    }
  }
  return { types, fields, empty: types.size === 0 && fields.size === 0 };
}
