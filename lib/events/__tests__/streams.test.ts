import { describe, expect, it } from 'vitest';
import { commitFilter, commitSubject, fromSubjectToken, streamOf, subjectMatches, subjectToken, COMMITS_STREAM, RELAY_STREAM } from '../streams.js';

describe('subjects', () => {
  it('maps branch and database names to one subject token each, reversibly', () => {
    for (const name of ['main', 'feature/x.y', 'svc-audit', 'a b*c>%', '']) {
      const token = subjectToken(name);
      expect(token).not.toMatch(/[.*>\s]/);
      expect(fromSubjectToken(token)).toBe(name);
    }
    expect(commitSubject('catalog', 'feature/v1.2')).toBe('commits.catalog.feature/v1%2E2');
    expect(commitFilter('catalog')).toBe('commits.catalog.>');
  });

  it('matches NATS wildcards', () => {
    expect(subjectMatches('commits.db.>', 'commits.db.main')).toBe(true);
    expect(subjectMatches('commits.*.main', 'commits.db.main')).toBe(true);
    expect(subjectMatches('commits.db.main', 'commits.db.maint')).toBe(false);
    expect(subjectMatches('commits.db.>', 'commits.db')).toBe(false);
  });

  it('finds the stream of a subject, and refuses subjects outside every stream', () => {
    expect(streamOf([COMMITS_STREAM, RELAY_STREAM], 'relay.db.cursor.main')).toBe(RELAY_STREAM);
    expect(() => streamOf([COMMITS_STREAM], 'other.x')).toThrow(/No stream holds/);
  });
});
