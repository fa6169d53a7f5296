import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileOntology } from '../../compileOntology.js';

const fixture = JSON.parse(readFileSync(new URL('../../__tests__/fixtures/small.json', import.meta.url), 'utf8')) as unknown[];

function compileFixture(): { sdl: string; manifest: unknown } {
  const result = compileOntology(fixture.map((document) => ({ file: 'small.json', document })));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result;
}

describe('printSdl', () => {
  it('prints the small fixture ontology exactly as pinned', async () => {
    await expect(compileFixture().sdl).toMatchFileSnapshot('./__snapshots__/small.graphql');
  });

  it('prints the small fixture manifest exactly as pinned', async () => {
    await expect(`${JSON.stringify(compileFixture().manifest, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/small.manifest.json');
  });
});
