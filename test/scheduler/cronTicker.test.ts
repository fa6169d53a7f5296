import { describe, expect, it } from 'vitest';
import { cronError, CronTicker, lastTick } from '../../subgraphs/scheduler/index.js';
import { fakeClock } from './fakeClock.js';

describe('CronTicker', () => {
  it('fires at each matching minute, exactly at the scheduled time, and never early', async () => {
    const clock = fakeClock('2026-03-01T12:00:30.000Z');
    const fired: string[] = [];
    const ticker = new CronTicker(clock, (id, at) => fired.push(`${id}@${new Date(at).toISOString()}@${new Date(clock.now()).toISOString()}`));
    ticker.sync([{ id: 'a', pattern: '* * * * *', timezone: null }]);
    await clock.advance(29_999);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['a@2026-03-01T12:01:00.000Z@2026-03-01T12:01:00.000Z']);
    await clock.advance(120_000);
    expect(fired.map((f) => f.split('@')[1])).toEqual(['2026-03-01T12:01:00.000Z', '2026-03-01T12:02:00.000Z', '2026-03-01T12:03:00.000Z']);
  });

  it('follows seconds patterns and time zones', async () => {
    const clock = fakeClock('2026-03-01T00:00:00.000Z');
    const fired: number[] = [];
    const ticker = new CronTicker(clock, (_id, at) => fired.push(at));
    ticker.sync([{ id: 'b', pattern: '*/15 * * * * *', timezone: null }]);
    await clock.advance(60_000);
    expect(fired.map((t) => new Date(t).toISOString().slice(11, 19))).toEqual(['00:00:15', '00:00:30', '00:00:45', '00:01:00']);
    ticker.stop();
    const berlin: number[] = [];
    const t2 = new CronTicker(clock, (_id, at) => berlin.push(at));
    t2.sync([{ id: 'c', pattern: '0 9 * * *', timezone: 'Europe/Berlin' }]);
    await clock.advance(24 * 3_600_000);
    expect(berlin.map((t) => new Date(t).toISOString())).toEqual(['2026-03-01T08:00:00.000Z']);
  });

  it('restarts a changed pattern, stops a removed one, and keeps an unchanged one', async () => {
    const clock = fakeClock('2026-03-01T00:00:00.000Z');
    const fired: string[] = [];
    const ticker = new CronTicker(clock, (id) => fired.push(id));
    ticker.sync([{ id: 'a', pattern: '*/10 * * * * *', timezone: null }, { id: 'b', pattern: '*/10 * * * * *', timezone: null }]);
    await clock.advance(10_000);
    expect(fired.sort()).toEqual(['a', 'b']);
    ticker.sync([{ id: 'a', pattern: '*/20 * * * * *', timezone: null }]);
    expect(clock.pending()).toBe(1);
    fired.length = 0;
    await clock.advance(20_000);
    expect(fired).toEqual(['a']);
    expect(ticker.nextTick('a')).toBe(Date.parse('2026-03-01T00:00:40.000Z'));
    ticker.stop();
    expect(clock.pending()).toBe(0);
  });

  it('reports invalid patterns and zones', () => {
    expect(cronError('*/5 * * * *', null)).toBeUndefined();
    expect(cronError('61 * * * *', null)).toMatch(/./);
    expect(cronError('every day', null)).toMatch(/./);
    expect(cronError('* * * * *', 'Mars/Olympus')).toMatch(/./);
  });

  it('lastTick: the latest tick at or before a time (zone-aware), undefined for an invalid pattern', () => {
    const t = (iso: string): number => Date.parse(iso);
    expect(lastTick('*/10 * * * * *', null, t('2026-05-01T10:00:10.000Z'))).toBe(t('2026-05-01T10:00:10.000Z'));
    expect(lastTick('*/10 * * * * *', null, t('2026-05-01T10:00:09.999Z'))).toBe(t('2026-05-01T10:00:00.000Z'));
    expect(lastTick('0 3 * * *', 'Europe/Berlin', t('2026-05-03T10:00:00Z'))).toBe(t('2026-05-03T01:00:00Z'));
    expect(lastTick('0 3 * * *', 'Europe/Berlin', t('2026-05-03T00:59:59Z'))).toBe(t('2026-05-02T01:00:00Z'));
    expect(lastTick('not a cron', null, 0)).toBeUndefined();
  });
});
