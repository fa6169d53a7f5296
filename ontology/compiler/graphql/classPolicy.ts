import { ancestors, declaringClass } from '../model/queries.js';
import type { ClassDef, OntologyModel } from '../model/types.js';

/** Access policy of a class: its own `@metadata` merged with its ancestors' (authentication and scopes add up). */
export interface ClassPolicy {
  readonly authenticated: boolean;
  readonly scopes: readonly string[];
  readonly embed: readonly string[];
}

/** Merges the class's and its ancestors' `authenticated`, `scopes` and `embed` metadata. */
export function classPolicy(model: OntologyModel, cls: ClassDef): ClassPolicy {
  const chain = [cls, ...ancestors(model, cls)];
  return {
    authenticated: chain.some((c) => c.metadata.authenticated),
    scopes: [...new Set(chain.flatMap((c) => c.metadata.scopes))].sort(),
    embed: [...new Set(chain.flatMap((c) => c.metadata.embed))].sort(),
  };
}

/** PII flag and scopes of a property, read from the metadata of the class that declares it. */
export function propertyPolicy(model: OntologyModel, cls: ClassDef, property: string): { pii: boolean; scopes: string[] } {
  const meta = declaringClass(model, cls, property)?.metadata.properties[property];
  return { pii: meta?.pii ?? false, scopes: [...(meta?.scopes ?? [])].sort() };
}

/** The `@requiresScopes` directive for an all-of list of scopes. */
export function requiresScopes(scopes: readonly string[]): string {
  return `@requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(', ')}]])`;
}

/** Directives for a type with this policy. */
export function typeDirectives(policy: ClassPolicy): string[] {
  return [
    ...(policy.authenticated ? ['@authenticated'] : []),
    ...(policy.scopes.length > 0 ? [requiresScopes(policy.scopes)] : []),
  ];
}
