import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/ConfigError.js';
import { allows, branchPolicy } from '../branchPolicy.js';

const policy = branchPolicy({ branches: { main: { read: ['read'], write: ['write'] }, 'prod/*': { read: ['read'], write: ['admin'] }, '*': { read: [], write: ['write'] } } });

describe('branchPolicy', () => {
  it('uses the first matching pattern and any-of scopes', () => {
    expect(allows(policy, 'write', 'main', new Set(['write']))).toEqual({ ok: true });
    expect(allows(policy, 'write', 'prod/eu/1', new Set(['write']))).toEqual({ ok: false, need: ['admin'] });
    expect(allows(policy, 'read', 'scratch', new Set())).toEqual({ ok: true });
  });

  it('takes configurable argument names with defaults', () => {
    expect(policy.arguments.ref).toEqual(['ref', 'from']);
    const custom = branchPolicy({ branches: [], arguments: { branch: ['onBranch'] } });
    expect(custom.arguments.branch).toEqual(['onBranch']);
  });

  it('says what is wrong with a bad policy', () => {
    expect(() => branchPolicy({ branches: [{ read: ['x'] }] })).toThrow(ConfigError);
    expect(() => branchPolicy({ branches: { main: { read: 3 } } })).toThrow(/main.read must be a list of strings/);
  });
});

describe('router/policy.yaml', () => {
  it('is a valid policy', async () => {
    const { readBranchPolicy } = await import('../branchPolicy.js');
    const p = await readBranchPolicy(new URL('../../policy.yaml', import.meta.url).pathname);
    expect(allows(p, 'write', 'prod/x', new Set(['write']))).toEqual({ ok: false, need: ['admin'] });
    expect(p.arguments.name).toEqual(['name']);
  });
});
