import { accessDirectives } from '../../../lib/index.js';

/** The manifest fields the embedding subgraph needs (a subset of `subgraphs/core/model.generated.json`). */
export interface EmbeddingManifest {
  readonly types: Readonly<
    Record<
      string,
      {
        readonly kind: string;
        readonly class?: string;
        readonly subdocument?: boolean;
        readonly abstract?: boolean;
        readonly implements?: readonly string[];
        readonly concreteClasses?: readonly string[];
        readonly authenticated?: boolean;
        readonly scopes?: readonly string[];
        readonly embed?: readonly string[];
      }
    >
  >;
}

const SIMILAR =
  '  "Documents closest in meaning to this one (its embedded text), best first; `branch` as in `semanticSearch`."\n' +
  '  similar(k: Int = 10, types: [String!], branch: String = "main"): [SemanticHit!]!';

/** Concrete document types with embedded text (the members of `Embeddable`), sorted. */
export function embeddableTypes(manifest: EmbeddingManifest): string[] {
  return Object.entries(manifest.types)
    .filter(([, t]) => t.kind === 'entity' && t.subdocument !== true && t.abstract !== true && (t.embed ?? []).length > 0)
    .map(([name]) => name)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * The generated part of the SDL: `union Embeddable` of every concrete type with embedded text, and
 * `similar` on each of them (`@key` types; access directives copied from core). Not on keyed
 * interfaces through `@interfaceObject`: a subgraph with an interface object may not define the
 * interface's implementations, and the union needs them.
 */
export function entityExtensions(manifest: EmbeddingManifest): string {
  const members = embeddableTypes(manifest);
  const blocks: string[] = [`"A document with embedded text, resolved by the core subgraph."\nunion Embeddable = ${members.join(' | ')}`];
  for (const name of members) {
    const t = manifest.types[name] ?? { kind: 'entity' };
    blocks.push(`type ${name} @key(fields: "id")${accessDirectives(t)} {\n  id: ID!\n${SIMILAR}\n}`);
  }
  return blocks.join('\n\n');
}
