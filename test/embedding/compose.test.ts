import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH, SDL_PATH } from '../../ontology/index.js';
import { AUDIT_SDL } from '../../subgraphs/audit/index.js';
import { EMBEDDING_SDL, entityExtensionsSdl } from '../../subgraphs/embedding/index.js';

describe('embedding schema', () => {
  it('composes with the core and audit subgraphs', () => {
    const result = composeServices([
      { name: 'core', typeDefs: parse(readFileSync(SDL_PATH, 'utf8')), url: 'http://core/graphql' },
      { name: 'audit', typeDefs: parse(AUDIT_SDL), url: 'http://audit/graphql' },
      { name: 'embedding', typeDefs: parse(EMBEDDING_SDL), url: 'http://embedding/graphql' },
    ]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    const supergraph = result.supergraphSdl ?? '';
    expect(supergraph).toMatch(/type Dataset implements Asset[^{]*\{[^}]*similar\(/s);
    expect(supergraph).toMatch(/union Embeddable[^=]*= Dashboard \| Dataset/);
    expect(supergraph).toMatch(/semanticSearch\(/);
  });

  it('extends every embeddable core entity (the generated block matches model.generated.json)', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Parameters<typeof entityExtensionsSdl>[0];
    expect(entityExtensionsSdl(manifest)).toBe(EMBEDDING_SDL);
  });
});
