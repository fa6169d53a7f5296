import type { WOQLClient } from 'terminusdb';
import { describe, expect, it } from 'vitest';
import { pushOntology } from '../push.js';

/** A stand-in for the official client that records what it is asked to do. */
function fakeClient(): { client: WOQLClient; calls: unknown[][] } {
  const calls: unknown[][] = [];
  let branch = 'main';
  const client = {
    checkout(to?: string): string {
      if (to !== undefined) branch = to;
      return branch;
    },
    async addDocument(json: unknown, params: unknown, db: unknown, message: unknown): Promise<unknown> {
      calls.push([branch, json, params, db, message]);
      return [];
    },
  };
  return { client: client as unknown as WOQLClient, calls };
}

describe('pushOntology', () => {
  it('writes the whole schema, context first, as one full-replace schema commit on the branch', async () => {
    const { client, calls } = fakeClient();
    const result = await pushOntology(client, { branch: 'ontology-next', message: '[ontology] test' });
    expect(calls).toHaveLength(1);
    const [branch, json, params, , message] = calls[0] ?? [];
    expect(branch).toBe('ontology-next');
    expect(params).toEqual({ graph_type: 'schema', full_replace: true });
    expect(message).toBe('[ontology] test');
    expect((json as { '@type': string }[])[0]?.['@type']).toBe('@context');
    expect(result.documents).toContain('Dataset');
    expect(client.checkout()).toBe('main');
  });
});
