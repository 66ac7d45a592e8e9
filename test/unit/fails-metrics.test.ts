import { describe, expect, it } from 'vitest';
import type { FailsRow } from '../../src/domain/short-supply';
import { closeOutDate, computeFailsMetrics } from '../../src/signals/fails-metrics';

const row = (settlementDate: string, quantity: number, over: Partial<FailsRow> = {}): FailsRow => ({
  symbol: 'SQZB',
  settlementDate,
  cusip: '12345A109',
  quantity,
  price: 10,
  description: 'SQUEEZEBOT TEST CORP',
  file: `cnsfails${settlementDate.slice(0, 4)}${settlementDate.slice(5, 7)}${Number(settlementDate.slice(8)) <= 14 ? 'a' : 'b'}`,
  source: 'sec-fails',
  publishedOn: '2024-03-01',
  ...over,
});
const ctx = { floatShares: 1_000_000, adv20: 200_000 };

describe('fails-to-deliver metrics', () => {
  it('none without rows', () => {
    expect(computeFailsMetrics([], ctx, '2024-03-01')).toBeNull();
  });

  it('the newest day, its share of float and ADV, the streak, days in the last 20 and close-outs ahead', () => {
    // 2024-02: a-half covers Feb 1-14. Feb 5 is missing (a covered trading day: zero balance)
    const rows = [
      row('2024-02-01', 10_000),
      row('2024-02-02', 20_000),
      row('2024-02-06', 30_000),
      row('2024-02-07', 40_000),
      row('2024-02-08', 50_000, { publishedOn: '2024-02-28' }),
    ];
    const r = computeFailsMetrics(rows, ctx, '2024-03-08')!;
    expect(r.truncated).toBe(false);
    expect(r.metrics).toEqual({
      settlementDate: '2024-02-08',
      quantity: 50_000,
      shareOfFloat: 0.05,
      shareOfAdv: 0.25,
      // Feb 6, 7, 8: Feb 5 (covered, absent) breaks it
      persistenceDays: 3,
      daysWithFails20: 5,
      // Feb 6 + 35 = Mar 12, Feb 7 → Mar 13, Feb 8 → Mar 14: all after Mar 8
      closeOutDates: ['2024-03-12', '2024-03-13', '2024-03-14'],
      publishedOn: '2024-02-28',
    });
  });

  it('close-outs already passed are dropped; a weekend close-out rolls to Monday', () => {
    // Feb 10 2024 + 35 = Mar 16, a Saturday: Monday Mar 18. Feb 5 → Mar 11 (passed on Mar 11), Feb 6 → Mar 12
    expect(closeOutDate('2024-02-10')).toBe('2024-03-18');
    const r = computeFailsMetrics([row('2024-02-05', 1), row('2024-02-06', 1)], ctx, '2024-03-11')!;
    expect(r.metrics.closeOutDates).toEqual(['2024-03-12']);
  });

  it('sums several CUSIPs of one symbol on a day', () => {
    const r = computeFailsMetrics(
      [row('2024-02-06', 100), row('2024-02-06', 50, { cusip: '12345A208' })],
      ctx,
      '2024-03-01',
    )!;
    expect(r.metrics.quantity).toBe(150);
  });

  it('a streak reaching a day no file read covers is a lower bound', () => {
    // Feb 1 is the a-half's first trading day: Jan 31 lies in 202401b, not read
    const r = computeFailsMetrics([row('2024-02-01', 5), row('2024-02-02', 5)], ctx, '2024-03-01')!;
    expect(r.metrics.persistenceDays).toBe(2);
    expect(r.truncated).toBe(true);
  });

  it('a streak runs across two files held; unknown float or ADV reads as null', () => {
    const r = computeFailsMetrics(
      [row('2024-02-14', 5), row('2024-02-15', 5), row('2024-02-13', 5)],
      { floatShares: null, adv20: 0 },
      '2024-03-01',
    )!;
    expect(r.metrics.persistenceDays).toBe(3);
    expect(r.metrics.shareOfFloat).toBeNull();
    expect(r.metrics.shareOfAdv).toBeNull();
    // Feb 12 is covered by 202402a and absent: zero
    expect(r.truncated).toBe(false);
  });
});
