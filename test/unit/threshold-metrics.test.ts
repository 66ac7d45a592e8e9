import { describe, expect, it } from 'vitest';
import type { ThresholdRow } from '../../src/domain/short-supply';
import { computeThresholdMetrics } from '../../src/signals/threshold-metrics';

const row = (symbol: string, date: string, market: ThresholdRow['market'] = 'nasdaq'): ThresholdRow => ({
  symbol,
  date,
  market,
  name: null,
  source: 'test',
  publishedOn: date,
});

// trading days of early February 2023 (no holidays), newest first
const FEB = ['2023-02-10', '2023-02-09', '2023-02-08', '2023-02-07', '2023-02-06', '2023-02-03', '2023-02-02'];

describe('threshold metrics', () => {
  it('counts consecutive held list dates the symbol is on, across markets, ending at the newest', () => {
    const rows = [row('KOSS', FEB[0]!), row('KOSS', FEB[1]!, 'nyse'), row('KOSS', FEB[2]!), row('KOSS', FEB[4]!)];
    const r = computeThresholdMetrics('KOSS', { dates: FEB, rows })!;
    expect(r.metrics).toEqual({ onList: true, streakDays: 3, markets: ['nasdaq'], date: FEB[0] });
    // 02-07 was held without KOSS: a break, so what is before it is known and does not count
    expect(r.truncated).toBe(false);
  });

  it('stops at a trading day whose lists are not held: no break, but a lower bound', () => {
    const dates = FEB.filter((d) => d !== '2023-02-08');
    const rows = FEB.map((d) => row('KOSS', d));
    const r = computeThresholdMetrics('KOSS', { dates, rows })!;
    expect(r.metrics.streakDays).toBe(2);
    expect(r).toMatchObject({ truncated: true, knownFrom: '2023-02-09' });
  });

  it('is a lower bound when the streak reaches the window start', () => {
    const r = computeThresholdMetrics('KOSS', { dates: FEB, rows: FEB.map((d) => row('KOSS', d)) })!;
    expect(r.metrics.streakDays).toBe(7);
    expect(r).toMatchObject({ truncated: true, knownFrom: '2023-02-02' });
  });

  it('counts a weekend as no gap: Monday follows Friday', () => {
    const dates = ['2023-02-06', '2023-02-03'];
    const r = computeThresholdMetrics('KOSS', { dates, rows: dates.map((d) => row('KOSS', d)) })!;
    expect(r.metrics.streakDays).toBe(2);
  });

  it('is off the list, streak 0, when the newest held list lacks the symbol', () => {
    const r = computeThresholdMetrics('KOSS', { dates: FEB, rows: [row('KOSS', FEB[1]!), row('GME', FEB[0]!)] })!;
    expect(r.metrics).toEqual({ onList: false, streakDays: 0, markets: [], date: FEB[0] });
    expect(r.truncated).toBe(false);
  });

  it('says nothing (null) when no list is held', () => {
    expect(computeThresholdMetrics('KOSS', { dates: [], rows: [] })).toBeNull();
  });

  it('names every market the symbol is on that day', () => {
    const rows = [row('AMC', FEB[0]!, 'nyse'), row('AMC', FEB[0]!, 'cboe')];
    expect(computeThresholdMetrics('AMC', { dates: FEB, rows })!.metrics.markets).toEqual(['cboe', 'nyse']);
  });
});
