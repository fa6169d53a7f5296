import { describe, expect, it } from 'vitest';
import { entityExtensions } from '../schema/entityExtensions.js';

describe('entityExtensions', () => {
  it('covers keyed interfaces with @interfaceObject and other entities with @key, copying access rules', () => {
    const sdl = entityExtensions({
      types: {
        Asset: { kind: 'interface' },
        Dataset: { kind: 'entity', implements: ['Asset'] },
        Secret: { kind: 'entity', authenticated: true, scopes: ['secret:read'] },
        Column: { kind: 'object', subdocument: true },
      },
    });
    expect(sdl).toContain('type Asset @key(fields: "id") @interfaceObject {');
    expect(sdl).not.toContain('type Dataset');
    expect(sdl).toContain('type Secret @key(fields: "id") @authenticated @requiresScopes(scopes: [["secret:read"]]) {');
    expect(sdl).not.toContain('Column');
  });
});
