import { describe, expect, it } from 'vitest';
import { descriptorText, parseDescriptor } from '../descriptor.js';

describe('parseDescriptor', () => {
  it('reads every path form of §2', () => {
    expect(parseDescriptor('_system')).toEqual({ kind: 'system' });
    expect(parseDescriptor('admin/db')).toEqual({ kind: 'branch', org: 'admin', db: 'db', repo: 'local', branch: 'main' });
    expect(parseDescriptor('admin/db/_meta')).toEqual({ kind: 'meta', org: 'admin', db: 'db' });
    expect(parseDescriptor('admin/db/local/_commits')).toEqual({ kind: 'commits', org: 'admin', db: 'db', repo: 'local' });
    expect(parseDescriptor('/admin/db/local/branch/dev/')).toEqual({
      kind: 'branch',
      org: 'admin',
      db: 'db',
      repo: 'local',
      branch: 'dev',
    });
    expect(parseDescriptor('admin/db/local/commit/abc')).toEqual({
      kind: 'commit',
      org: 'admin',
      db: 'db',
      repo: 'local',
      commit: 'abc',
    });
  });

  it('rejects other forms', () => {
    expect(parseDescriptor('admin')).toBeUndefined();
    expect(parseDescriptor('admin/db/local/tag/x')).toBeUndefined();
    expect(parseDescriptor('admin/db/local/branch/a/b')).toBeUndefined();
  });

  it('prints descriptors canonically', () => {
    const d = parseDescriptor('admin/db');
    expect(d && descriptorText(d)).toBe('admin/db/local/branch/main');
  });
});
