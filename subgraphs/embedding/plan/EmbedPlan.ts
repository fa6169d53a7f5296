import { createHash } from 'node:crypto';
import type { EmbeddingManifest } from '../schema/entityExtensions.js';
import { embeddableTypes } from '../schema/entityExtensions.js';

/** What is embedded for one class: the text fields named by the ontology's `embed` metadata. */
export interface EmbedClass {
  /** GraphQL type name (the `__typename` of hits). */
  readonly type: string;
  /** TerminusDB class. */
  readonly class: string;
  /** TerminusDB properties whose text is embedded, in order. */
  readonly fields: readonly string[];
  /** Reading the class needs a signed-in caller. */
  readonly authenticated: boolean;
  /** Reading the class needs all these scopes. */
  readonly scopes: readonly string[];
}

/** The embedding plan: which classes, which fields, and who may read hits of them. */
export interface EmbedPlan {
  readonly classes: ReadonlyMap<string, EmbedClass>;
}

interface ManifestField {
  readonly kind: string;
  readonly property?: string;
  readonly embed?: boolean;
}

/** The plan from the core manifest (`model.generated.json`): every concrete entity with `embed` fields. */
export function embedPlan(manifest: EmbeddingManifest): EmbedPlan {
  const classes = new Map<string, EmbedClass>();
  for (const name of embeddableTypes(manifest)) {
    const t = manifest.types[name] as EmbeddingManifest['types'][string] & { fields?: Record<string, ManifestField> };
    const byGraphql = Object.values(t.fields ?? {});
    // `embed` lists TerminusDB property names; keep that order (sorted by the compiler).
    const fields = (t.embed ?? []).filter((p) => byGraphql.length === 0 || byGraphql.some((f) => f.kind === 'property' && f.property === p));
    classes.set(t.class ?? name, { type: name, class: t.class ?? name, fields, authenticated: t.authenticated === true, scopes: t.scopes ?? [] });
  }
  return { classes };
}

/** The text embedded for a document: its non-empty `embed` fields, one per line (`name` first when present). */
export function documentText(cls: EmbedClass, doc: Readonly<Record<string, unknown>>): string {
  const order = [...cls.fields].sort((a, b) => (a === 'name' || a === 'title' ? -1 : b === 'name' || b === 'title' ? 1 : 0));
  const parts: string[] = [];
  for (const f of order) {
    const v = doc[f];
    if (typeof v === 'string' && v.trim() !== '') parts.push(v.trim());
    else if (typeof v === 'object' && v !== null && typeof (v as { '@value'?: unknown })['@value'] === 'string') parts.push(String((v as { '@value': string })['@value']).trim());
  }
  return parts.join('\n');
}

/** Content hash of an embedded text (sha256, hex, first 32 characters). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Whether a caller with these rights may read documents of the class. */
export function mayRead(cls: EmbedClass, identity: { sub: string; scopes: readonly string[] }): boolean {
  if ((cls.authenticated || cls.scopes.length > 0) && identity.sub === 'anonymous') return false;
  return cls.scopes.every((s) => identity.scopes.includes(s));
}
