import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRunsRepo } from '../../src/db/repos/job-runs.repo';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { EVERY_JOB, harness, nyTime, seedOkRuns, tableFor, type Call } from '../support/scheduler-harness';
import { tempDb } from '../support/temp-db';

// Thanksgiving week 2024: Mon 11-25 (universe; OTC weeks published), Tue 11-26 (short interest for the
// 11-15 settlement published), Thu 11-28 market closed, Fri 11-29 early close at 13:00.

describe('scheduler through Thanksgiving week 2024', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  async function week(status?: Parameters<typeof tableFor>[3]) {
    const clock = fakeClock(nyTime('2024-11-23 23:59'));
    seedOkRuns(t.db, EVERY_JOB, nyTime('2024-11-23 23:30'));
    const calls: Call[] = [];
    const h = harness(t.db, clock, tableFor(testConfig(), clock, calls, status));
    const catchUps = h.scheduler.start();
    await h.runUntil(nyTime('2024-11-30 23:59'));
    const at = (job: string) => calls.filter((c) => c.job === job).map((c) => c.at);
    return { calls, at, catchUps };
  }

  it('runs each market-data job at its time on trading days only, skipping the holiday', async () => {
    const { at, catchUps } = await week();
    expect(catchUps).toEqual([]);
    expect(at('universe')).toEqual(['2024-11-25 08:00']);
    expect(at('short_volume')).toEqual([
      '2024-11-25 18:15',
      '2024-11-26 18:15',
      '2024-11-27 18:15',
      '2024-11-29 18:15',
    ]);
    expect(at('daily_bars')).toEqual(['2024-11-25 17:30', '2024-11-26 17:30', '2024-11-27 17:30', '2024-11-29 17:30']);
    expect(at('scan')).toEqual(['2024-11-25 18:45', '2024-11-26 18:45', '2024-11-27 18:45', '2024-11-29 18:45']);
    expect(at('learning')).toEqual(['2024-11-25 19:00', '2024-11-26 19:00', '2024-11-27 19:00', '2024-11-29 19:00']);
    expect(at('dip_scan')).toEqual(['2024-11-25 19:05', '2024-11-26 19:05', '2024-11-27 19:05', '2024-11-29 19:05']);
    expect(at('digest')).toEqual(['2024-11-25 19:15', '2024-11-26 19:15', '2024-11-27 19:15', '2024-11-29 19:15']);
    expect(at('short_interest')).toEqual(['2024-11-26 18:30']);
    expect(at('otc_weekly')).toEqual(['2024-11-25 18:35']);
    // the threshold lists of the last session every calendar day once Cboe's is out (Saturday: Friday's)
    expect(at('threshold_lists')).toEqual(['24', '25', '26', '27', '28', '29', '30'].map((d) => `2024-11-${d} 03:35`));
    // fails-to-deliver every calendar day: it asks only for half-month files still missing
    expect(at('fails_to_deliver')).toEqual(['24', '25', '26', '27', '28', '29', '30'].map((d) => `2024-11-${d} 07:10`));
    expect(at('options_snapshot')).toEqual([
      '2024-11-25 16:45',
      '2024-11-26 16:45',
      '2024-11-27 16:45',
      '2024-11-29 16:45',
    ]);
    // off by default (scheduling.options_intraday.enabled)
    expect(at('options_intraday')).toEqual([]);
    expect(at('lit_trades')).toEqual(['2024-11-25 19:30', '2024-11-26 19:30', '2024-11-27 19:30', '2024-11-29 19:30']);
    expect(at('retention')).toEqual(['24', '25', '26', '27', '28', '29', '30'].map((d) => `2024-11-${d} 03:30`));
    expect(at('adhoc_expiry')).toHaveLength(7 * 24);
    expect(at('health_check')).toHaveLength(7 * 24 * 12);
  });

  it('watches intraday every 5 minutes in the session only: none on the holiday, until 13:00 on the early close', async () => {
    const { at } = await week();
    const byDay = new Map<string, string[]>();
    for (const a of at('intraday_watch'))
      byDay.set(a.slice(0, 10), [...(byDay.get(a.slice(0, 10)) ?? []), a.slice(11)]);
    expect([...byDay.keys()]).toEqual(['2024-11-25', '2024-11-26', '2024-11-27', '2024-11-29']);
    expect(byDay.get('2024-11-25')).toHaveLength(78);
    expect(byDay.get('2024-11-25')![0]).toBe('09:30');
    expect(byDay.get('2024-11-25')!.at(-1)).toBe('15:55');
    expect(byDay.get('2024-11-29')).toHaveLength(42);
    expect(byDay.get('2024-11-29')!.at(-1)).toBe('12:55');
  });

  it('retries short volume until FINRA posts, and the scan waits for it', async () => {
    // 11-27's file appears only at 19:00
    const { at } = await week((job, date, now) =>
      job === 'short_volume' && date === '2024-11-27' && now < nyTime('2024-11-27 19:00') ? 'missing' : 'ok',
    );
    expect(at('short_volume').filter((a) => a.startsWith('2024-11-27'))).toEqual([
      '2024-11-27 18:15',
      '2024-11-27 18:30',
      '2024-11-27 18:45',
      '2024-11-27 19:00',
    ]);
    expect(at('scan').filter((a) => a.startsWith('2024-11-27'))).toEqual(['2024-11-27 19:01']);
    // learning waits for the scan of its day too
    expect(at('learning').filter((a) => a.startsWith('2024-11-27'))).toEqual(['2024-11-27 19:02']);
  });

  it('gives up retrying at retry_until and the scan then runs with what it has', async () => {
    const { at } = await week((job, date) => (job === 'short_volume' && date === '2024-11-25' ? 'missing' : 'ok'));
    const monday = at('short_volume').filter((a) => a.startsWith('2024-11-25'));
    expect(monday[0]).toBe('2024-11-25 18:15');
    expect(monday.at(-1)).toBe('2024-11-25 20:00');
    expect(monday).toHaveLength(8);
    // the scan waits while short volume retries, and goes on once it has given up (not until its own 20:30)
    expect(at('scan').filter((a) => a.startsWith('2024-11-25'))).toEqual(['2024-11-25 20:01']);
  });

  it('retries short interest on the following trading days until the publication appears', async () => {
    // FINRA late: nothing on Tuesday 11-26, the file is there on Wednesday
    const { at } = await week((job, date) => (job === 'short_interest' && date === '2024-11-26' ? 'missing' : 'ok'));
    expect(at('short_interest')).toEqual([
      '2024-11-26 18:30',
      '2024-11-26 19:30',
      '2024-11-26 20:30',
      '2024-11-27 18:30',
    ]);
  });

  it('never overlaps a job with itself and records every run', async () => {
    const { calls } = await week();
    const runs = createJobRunsRepo(t.db).since(nyTime('2024-11-24 00:00'));
    expect(runs).toHaveLength(calls.length);
    expect(runs.every((r) => r.status === 'ok' || r.status === 'skipped')).toBe(true);
    for (const name of EVERY_JOB) {
      const mine = runs.filter((r) => r.job === name);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.startedAt >= mine[i - 1]!.finishedAt!).toBe(true);
    }
  });
});
