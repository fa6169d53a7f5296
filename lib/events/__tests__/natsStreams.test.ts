import { RetentionPolicy } from 'nats';
import { describe, expect, it } from 'vitest';
import { streamConfig } from '../natsStreams.js';
import { COMMITS_STREAM, DEAD_LETTER_STREAM, DEFAULT_STREAMS, SCHEDULER_STREAM, SCHEDULER_WORK_STREAM, streamOf } from '../streams.js';

describe('stream configuration', () => {
  it('maps retention: limits by default, work queue for work streams', () => {
    expect(streamConfig(COMMITS_STREAM, 1).retention).toBe(RetentionPolicy.Limits);
    expect(streamConfig(SCHEDULER_WORK_STREAM, 1)).toMatchObject({ retention: RetentionPolicy.Workqueue, subjects: ['work.scheduler.>'], max_age: 0 });
  });

  it('routes scheduler subjects to their streams; the router knows run updates by default', () => {
    const all = [...DEFAULT_STREAMS, SCHEDULER_WORK_STREAM, DEAD_LETTER_STREAM];
    expect(streamOf(DEFAULT_STREAMS, 'scheduler.db.runs.job-1')).toBe(SCHEDULER_STREAM);
    expect(streamOf(all, 'work.scheduler.db')).toBe(SCHEDULER_WORK_STREAM);
    expect(streamOf(all, 'dead.scheduler.db')).toBe(DEAD_LETTER_STREAM);
    expect(() => streamOf(DEFAULT_STREAMS, 'work.scheduler.db')).toThrow(/No stream/);
  });
});
