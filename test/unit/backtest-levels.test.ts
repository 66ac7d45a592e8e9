import { describe, expect, it } from 'vitest';
import { levelReport, levelReportTable } from '../../src/pipeline/backtest-levels';
import { createBarStore } from '../../src/pipeline/bar-store';
import { addTradingDays, tradingDaysBetween } from '../../src/market/trading-calendar';

// A constructed market of 60 sessions whose hits, base rate and ≥ 2× runs follow from the shapes:
// RUN doubles from 10 to 24 over sessions 30..40, FAKE has a 1:10 reverse split (10× close, volume / 10)
// that must not read as a run or a hit, and 8 flat names fill the base rate.

const START = '2024-01-02';
const N = 60;
const dates = tradingDaysBetween(START, addTradingDays(START, N + 5)).slice(0, N);

function series(close: (i: number) => number, volume: (i: number) => number = () => 1e6) {
  const c = dates.map((_, i) => close(i));
  return { dates, open: c, high: c, low: c, close: c, volume: dates.map((_, i) => volume(i)) };
}

const RUN = (i: number) => (i < 30 ? 10 : i <= 40 ? 10 * Math.pow(1.092, i - 30) : 24);
const FAKE = (i: number) => (i < 30 ? 2 : 20);
const market = new Map([
  ['RUN', series(RUN)],
  ['FAKE', series(FAKE, (i) => (i < 30 ? 1e6 : 1e5))],
  ...Array.from({ length: 8 }, (_, k) => [`FLAT${k}`, series((i) => 5 + (i % 2) * 0.05)] as const),
]);
const bars = createBarStore(market);
// the replay covers sessions 20..49 (10 sessions of outcome after it)
const days = dates.slice(20, 50);

describe('level report on a constructed market', () => {
  it('finds the one ≥ 2× run, ignores the reverse split, and scores the alerts against the base rate', () => {
    const alerts = [
      { date: dates[32]!, symbol: 'RUN', level: 'high' as const }, // 10·1.092² → +40% within 10 sessions: a hit
      { date: dates[29]!, symbol: 'FAKE', level: 'low' as const }, // the split day after it is no hit
      { date: dates[25]!, symbol: 'FLAT0', level: 'low' as const }, // flat: a miss
    ];
    const r = levelReport({
      days,
      bars,
      minPrice: 1,
      maxPrice: 500,
      groups: [
        { label: 'high', alerts: alerts.filter((a) => a.level === 'high') },
        { label: 'all', alerts },
      ],
    });
    expect(r.runs).toBe(1);
    expect(r.days).toBe(30);
    // base rate: of 10 names × 30 days, only RUN's days from 26 to 34 see a +40% close within 10 sessions
    let expectedHits = 0;
    for (let i = 20; i < 50; i++)
      for (let k = i + 1; k <= i + 10; k++)
        if (RUN(k) >= RUN(i) * 1.4) {
          expectedHits++;
          break;
        }
    expect(r.eligibleDays).toBe(300);
    expect(r.baseRate).toBeCloseTo(expectedHits / 300, 12);
    const [high, all] = r.rows;
    expect(high).toMatchObject({ alerts: 1, hits: 1, resolved: 1, precision: 1, caught: 1, recall: 1, medianLead: 8 });
    expect(all).toMatchObject({ alerts: 3, hits: 1, resolved: 3, caught: 1, pending: 0 });
    expect(all!.precision).toBeCloseTo(1 / 3, 12);
    expect(all!.lift).toBeCloseTo(1 / 3 / r.baseRate!, 12);
    expect(levelReportTable(r)[0]).toMatch(/^30 trading days · base rate \d+\.\d% of 300 symbol-days .* 1 runs ≥ 2×$/);
  });

  it('takes splits from a list when given: an undeclared jump then reads as a run', () => {
    const r = levelReport({ days, bars, minPrice: 1, maxPrice: 500, groups: [], splits: new Map() });
    expect(r.runs).toBe(2); // FAKE's 10× jump, no longer adjusted
    const declared = levelReport({
      days,
      bars,
      minPrice: 1,
      maxPrice: 500,
      groups: [],
      splits: new Map([['FAKE', [{ date: dates[30]!, factor: 10 }]]]),
    });
    expect(declared.runs).toBe(1);
  });

  it('counts an alert whose 10 sessions are not over as pending, not as a miss', () => {
    const late = { date: dates[55]!, symbol: 'FLAT1', level: 'medium' as const };
    const r = levelReport({ days, bars, minPrice: 1, maxPrice: 500, groups: [{ label: 'x', alerts: [late] }] });
    expect(r.rows[0]).toMatchObject({ alerts: 1, resolved: 0, pending: 1, precision: null });
  });
});
