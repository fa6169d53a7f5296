import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH, SDL_PATH } from '../../ontology/index.js';
import { AUDIT_SDL, entityExtensionsSdl } from '../../subgraphs/audit/index.js';

describe('audit schema', () => {
  it('composes with the core subgraph', () => {
    const result = composeServices([
      { name: 'core', typeDefs: parse(readFileSync(SDL_PATH, 'utf8')), url: 'http://core/graphql' },
      { name: 'audit', typeDefs: parse(AUDIT_SDL), url: 'http://audit/graphql' },
    ]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    const supergraph = result.supergraphSdl ?? '';
    expect(supergraph).toMatch(/type Dataset implements Asset[^{]*\{[^}]*history\(/s);
  });

  it('extends every core entity (the generated block matches model.generated.json)', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Parameters<typeof entityExtensionsSdl>[0];
    expect(entityExtensionsSdl(manifest)).toBe(AUDIT_SDL);
  });
});
