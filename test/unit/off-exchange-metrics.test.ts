import { describe, expect, it } from 'vitest';
import {
  computeOffExchangeMetrics,
  OTC_Z_MIN_WEEKS,
  type OffExchangeInput,
} from '../../src/signals/off-exchange-metrics';
// rows typed as the repo's: tsc holds them assignable to the signal's own input shapes
import type { TradesDay } from '../../src/domain/lit-trades';
import type { OtcWeekRow } from '../../src/domain/short-data';
import type { OhlcvBar } from '../../src/domain/bars';
import { otcWeekPublicationDate } from '../../src/market/finra-calendar';
import { addCalendarDays } from '../../src/market/iso-date';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import type { OtcTier } from '../../src/domain/market-data';
import { nonFinitePaths } from '../support/finite';
import { EXTREMES, mulberry32 } from '../support/random';

// Dates: Tier 1 weeks are published on the Monday two weeks later, so on 2024-03-20 the newest
// published T1 week is 2024-03-04 (out 2024-03-18). 2024-02-19 was a holiday (a 4-session week).
const AS_OF = '2024-03-20';
const NEWEST = '2024-03-04';
const DAILY = 1_000_000;

const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);
const sessionsOf = (monday: string) => tradingDaysBetween(monday, addCalendarDays(monday, 4));
const weekVolume = (monday: string) => DAILY * sessionsOf(monday).length;
const mondaysBefore = (monday: string, n: number) =>
  Array.from({ length: n }, (_, i) => addCalendarDays(monday, -7 * (i + 1)));

function bars(from = '2023-06-01', to = AS_OF, drop: string[] = []): OhlcvBar[] {
  return tradingDaysBetween(from, to)
    .filter((d) => !drop.includes(d))
    .map((date) => ({ date, open: null, high: null, low: null, close: 10, volume: DAILY }));
}

function row(
  weekStart: string,
  summaryType: string,
  shares: number,
  tier: string = 'T1', // an OtcTier, or an unknown tier such as 'X'
  publishedOn?: string,
): OtcWeekRow {
  const known = ['T1', 'T2', 'OTC'].includes(tier) ? (tier as OtcTier) : 'OTC';
  return { weekStart, tier, summaryType, shares, publishedOn: publishedOn ?? otcWeekPublicationDate(weekStart, known) };
}

/** ATS + non-ATS symbol totals whose participation is `rate` (40% of it on ATSs). */
function rateWeek(monday: string, rate: number, tier: OtcTier = 'T1'): OtcWeekRow[] {
  const v = weekVolume(monday);
  return [row(monday, 'ATS_W_SMBL', 0.4 * rate * v, tier), row(monday, 'OTC_W_SMBL', 0.6 * rate * v, tier)];
}

function input(over: Partial<OffExchangeInput> = {}): OffExchangeInput {
  return { asOf: AS_OF, otcWeeks: [], bars: bars(), trades: [], ...over };
}

function sampleZ(x: number, xs: number[]): number {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
  return (x - mean) / sd;
}

describe('OTC participation: which rows count', () => {
  const v = weekVolume(NEWEST); // 5,000,000
  it.each<[string, OtcWeekRow[], number, string[]]>([
    [
      'ATS and non-ATS symbol totals add up',
      [row(NEWEST, 'ATS_W_SMBL', 1e6), row(NEWEST, 'OTC_W_SMBL', 1.5e6)],
      0.5,
      [],
    ],
    ['ATS total only: ATS volume alone, flagged', [row(NEWEST, 'ATS_W_SMBL', 1e6)], 0.2, ['otc_partial_venues']],
    ['non-ATS total only', [row(NEWEST, 'OTC_W_SMBL', 1.5e6)], 0.3, ['otc_partial_venues']],
    [
      'an ATS total is never added to its per-firm rows',
      [
        row(NEWEST, 'ATS_W_SMBL', 1e6),
        row(NEWEST, 'ATS_W_SMBL_FIRM', 6e5),
        row(NEWEST, 'ATS_W_SMBL_FIRM', 4e5),
        row(NEWEST, 'OTC_W_SMBL', 1.5e6),
      ],
      0.5,
      [],
    ],
    [
      'non-ATS per-firm rows beside the total are ignored too',
      [row(NEWEST, 'ATS_W_SMBL', 1e6), row(NEWEST, 'OTC_W_SMBL', 1.5e6), row(NEWEST, 'OTC_W_SMBL_FIRM', 1.5e6)],
      0.5,
      [],
    ],
    [
      'per-firm rows are summed only when no total is held',
      [row(NEWEST, 'ATS_W_SMBL_FIRM', 6e5), row(NEWEST, 'ATS_W_SMBL_FIRM', 4e5), row(NEWEST, 'OTC_W_SMBL', 1.5e6)],
      0.5,
      ['otc_from_firm_rows'],
    ],
    [
      'two tiers for one venue and week: the larger, not the sum',
      [
        row(NEWEST, 'ATS_W_SMBL', 1e6, 'T1'),
        row(NEWEST, 'ATS_W_SMBL', 4e5, 'T2', '2024-03-18'),
        row(NEWEST, 'OTC_W_SMBL', 1.5e6),
      ],
      0.5,
      ['otc_tier_conflict'],
    ],
    [
      'firm-level, volume-stats and monthly rows are not weekly symbol figures',
      [
        row(NEWEST, 'ATS_W_SMBL', 1e6),
        row(NEWEST, 'OTC_W_SMBL', 1.5e6),
        row(NEWEST, 'ATS_W_FIRM', 9e9),
        row(NEWEST, 'ATS_W_VOL_STATS', 9e9),
        row(NEWEST, 'OTC_M_SMBL', 9e9),
      ],
      0.5,
      ['otc_rows_ignored'],
    ],
    [
      'a repeated total replaces, never adds',
      [row(NEWEST, 'ATS_W_SMBL', 1e6), row(NEWEST, 'ATS_W_SMBL', 1e6), row(NEWEST, 'OTC_W_SMBL', 1.5e6)],
      0.5,
      [],
    ],
    [
      'a row with a negative or missing share count is dropped',
      [
        row(NEWEST, 'ATS_W_SMBL', 1e6),
        row(NEWEST, 'OTC_W_SMBL', 1.5e6),
        row(NEWEST, 'OTC_W_SMBL', NaN, 'T2', '2024-03-18'),
      ],
      0.5,
      ['otc_invalid_rows'],
    ],
  ])('%s', (_name, rows, rate, expectedFlags) => {
    const r = computeOffExchangeMetrics(input({ otcWeeks: rows }));
    expect(v).toBe(5e6);
    expect(r.metrics!.otcWeek).toBe(NEWEST);
    expect(r.metrics!.otcParticipation).toBeCloseTo(rate, 12);
    const otcCodes = codes(r).filter(
      (c) => c.startsWith('otc_') && !['otc_thin_history', 'otc_no_previous_week'].includes(c),
    );
    expect(otcCodes).toEqual(expectedFlags);
  });

  it('ignores rows not yet published on asOf (point in time)', () => {
    const early = row('2024-03-11', 'ATS_W_SMBL', 9e6, 'T1', '2024-03-21');
    const r = computeOffExchangeMetrics(input({ otcWeeks: [...rateWeek(NEWEST, 0.5), early] }));
    expect(r.metrics!.otcWeek).toBe(NEWEST);
  });
});

describe('OTC participation: the week’s bar volume', () => {
  it.each<[string, OhlcvBar[], number | null, string | null]>([
    ['all five sessions held', bars(), 0.5, null],
    [
      'a session of the week without a bar',
      bars(undefined, undefined, ['2024-03-06']),
      null,
      'bars missing for 2024-03-06',
    ],
    ['bars end before the week', bars('2023-06-01', '2024-03-01'), null, 'bars missing for 2024-03-04, 2024-03-05'],
    ['no bars at all', [], null, 'bars missing'],
    [
      'a bar with an unusable volume is a hole',
      bars().map((b) => (b.date === '2024-03-07' ? { ...b, volume: NaN } : b)),
      null,
      'bars missing for 2024-03-07',
    ],
    [
      'the week traded nothing',
      bars().map((b) => (b.date >= NEWEST && b.date <= '2024-03-08' ? { ...b, volume: 0 } : b)),
      null,
      'bar volume of the week is 0',
    ],
  ])('%s', (_name, barRows, rate, why) => {
    const r = computeOffExchangeMetrics(input({ otcWeeks: rateWeek(NEWEST, 0.5), bars: barRows }));
    expect(r.metrics!.otcParticipation === null ? null : r.metrics!.otcParticipation).toEqual(
      rate === null ? null : expect.closeTo(rate, 12),
    );
    const flag = r.flags.find((f) => f.code === 'otc_participation_missing');
    if (why === null) expect(flag).toBeUndefined();
    else expect(flag?.message).toContain(why);
    if (rate === null) expect(r.metrics!.otcParticipationZ).toBeNull();
  });

  it('divides a holiday week by its four sessions', () => {
    const holidayWeek = '2024-02-19';
    const r = computeOffExchangeMetrics(
      input({
        asOf: '2024-03-05',
        otcWeeks: [row(holidayWeek, 'ATS_W_SMBL', 1e6), row(holidayWeek, 'OTC_W_SMBL', 1e6)],
      }),
    );
    expect(sessionsOf(holidayWeek)).toHaveLength(4);
    expect(r.metrics!.otcWeek).toBe(holidayWeek);
    expect(r.metrics!.otcParticipation).toBeCloseTo(0.5, 12);
  });

  it('flags a rate above 1 (FINRA counts all hours, bars may not) without hiding it', () => {
    const r = computeOffExchangeMetrics(input({ otcWeeks: rateWeek(NEWEST, 1.2) }));
    expect(r.metrics!.otcParticipation).toBeCloseTo(1.2, 12);
    expect(codes(r)).toContain('otc_participation_above_one');
  });
});

describe('OTC participation z-score and week-over-week change', () => {
  const alternating = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 0.45 : 0.35));
  const history = (rates: number[], newest = 0.6) => [
    ...rateWeek(NEWEST, newest),
    ...mondaysBefore(NEWEST, rates.length).flatMap((m, i) => rateWeek(m, rates[i]!)),
  ];

  it.each<[number, 'number' | null, string[]]>([
    [0, null, ['otc_thin_history', 'otc_no_previous_week']],
    [OTC_Z_MIN_WEEKS - 1, null, ['otc_thin_history']],
    [OTC_Z_MIN_WEEKS, 'number', []],
    [20, 'number', []],
  ])('with %i earlier weeks the z-score is %s', (n, kind, expected) => {
    const r = computeOffExchangeMetrics(input({ otcWeeks: history(alternating(n)) }));
    const z = r.metrics!.otcParticipationZ;
    expect(z === null ? null : typeof z).toBe(kind);
    expect(codes(r).filter((c) => c.startsWith('otc_'))).toEqual(expected);
  });

  it('scores the newest week against the previous 12 weeks with a rate (sample deviation)', () => {
    const rates = [...alternating(12), ...Array<number>(8).fill(0.9)]; // the 0.9 weeks lie outside the window
    const r = computeOffExchangeMetrics(input({ otcWeeks: history(rates) }));
    expect(r.metrics!.otcParticipationZ).toBeCloseTo(sampleZ(0.6, alternating(12)), 9);
    expect(r.metrics!.otcWowDelta).toBeCloseTo(0.6 - 0.35, 12);
  });

  it('gives no z-score against a flat history', () => {
    const r = computeOffExchangeMetrics(input({ otcWeeks: history(Array<number>(10).fill(0.4)) }));
    expect(r.metrics!.otcParticipationZ).toBeNull();
    expect(codes(r)).toContain('otc_participation_flat');
  });

  it('has no week-over-week change when the week before is missing', () => {
    const rows = history(alternating(10)).filter((x) => x.weekStart !== '2024-02-26');
    const r = computeOffExchangeMetrics(input({ otcWeeks: rows }));
    expect(r.metrics!.otcWowDelta).toBeNull();
    expect(r.metrics!.otcParticipationZ).not.toBeNull();
    expect(codes(r)).toContain('otc_no_previous_week');
  });

  it('reads an ATS-only newest week against the ATS share of earlier weeks, not their ATS + non-ATS total', () => {
    const earlier = alternating(10);
    const rows = [
      row(NEWEST, 'ATS_W_SMBL', 0.3 * weekVolume(NEWEST)),
      ...mondaysBefore(NEWEST, 10).flatMap((m, i) => rateWeek(m, earlier[i]!)),
    ];
    const r = computeOffExchangeMetrics(input({ otcWeeks: rows }));
    expect(r.metrics!.otcParticipation).toBeCloseTo(0.3, 12);
    expect(r.metrics!.otcParticipationZ).toBeCloseTo(
      sampleZ(
        0.3,
        earlier.map((x) => 0.4 * x),
      ),
      9,
    );
    expect(codes(r)).toContain('otc_partial_venues');
  });

  it('does not compare a full newest week with earlier weeks that lack the non-ATS figure', () => {
    const rows = [...rateWeek(NEWEST, 0.5), ...mondaysBefore(NEWEST, 10).map((m) => row(m, 'ATS_W_SMBL', 1e6))];
    const r = computeOffExchangeMetrics(input({ otcWeeks: rows }));
    expect(r.metrics!.otcParticipationZ).toBeNull();
    expect(r.flags.find((f) => f.code === 'otc_thin_history')?.message).toMatch(/^0 earlier week/);
  });
});

describe('OTC anchoring against the FINRA publication calendar', () => {
  it.each<[string, string, OtcTier, string, 'anchored' | 'stale', RegExp | null]>([
    ['the latest published T1 week', '2024-03-20', 'T1', '2024-03-04', 'anchored', null],
    ['one week behind the latest', '2024-03-20', 'T1', '2024-02-26', 'anchored', null],
    [
      'two weeks behind',
      '2024-03-20',
      'T1',
      '2024-02-19',
      'stale',
      /2 weeks older than the latest T1 week .* \(2024-03-04\)/,
    ],
    ['the Friday before week 03-04 comes out', '2024-03-15', 'T1', '2024-02-19', 'anchored', null],
    ['the Monday week 03-04 comes out', '2024-03-18', 'T1', '2024-02-19', 'stale', /2 weeks older/],
    [
      'Presidents Day delays week 02-05: still anchored on the holiday',
      '2024-02-19',
      'T1',
      '2024-01-22',
      'anchored',
      null,
    ],
    [
      'Presidents Day delays week 02-05: stale once it is out',
      '2024-02-20',
      'T1',
      '2024-01-22',
      'stale',
      /2 weeks older .* \(2024-02-05\)/,
    ],
    ['Tier 2 weeks come out four weeks later', '2024-03-20', 'T2', '2024-02-19', 'anchored', null],
    ['Tier 2, two weeks behind', '2024-03-20', 'T2', '2024-02-05', 'stale', /2 weeks older than the latest T2 week/],
    ['Tier 2, three months behind', '2024-03-20', 'T2', '2023-12-18', 'stale', /9 weeks older/],
  ])('%s (asOf %s, %s week %s) is %s', (_name, asOf, tier, week, flag, message) => {
    const r = computeOffExchangeMetrics(input({ asOf, otcWeeks: rateWeek(week, 0.5, tier) }));
    expect(r.metrics!.otcFlag).toBe(flag);
    const stale = r.flags.find((f) => f.code === 'otc_stale');
    if (message) expect(stale?.message).toMatch(message);
    else expect(stale).toBeUndefined();
  });

  it("is 'none', with a flag, when the symbol has no OTC rows but has lit trades", () => {
    const r = computeOffExchangeMetrics(
      input({ trades: [{ date: AS_OF, buyVolume: 10, sellVolume: 5, method: 'nbbo' }] }),
    );
    expect(r.metrics).toMatchObject({
      otcFlag: 'none',
      otcWeek: null,
      otcParticipation: null,
      otcParticipationZ: null,
      otcWowDelta: null,
    });
    expect(codes(r)).toContain('no_otc_data');
  });

  it('returns no metrics at all without OTC rows and without lit trades', () => {
    const r = computeOffExchangeMetrics(input());
    expect(r.metrics).toBeNull();
    expect(codes(r)).toEqual(expect.arrayContaining(['no_otc_data', 'no_lit_trades']));
  });
});

describe('off-exchange metrics never return NaN', () => {
  it('holds on 1500 random inputs with missing, extreme and shuffled values', () => {
    const rand = mulberry32(20240320);
    const num = (lo: number, hi: number) =>
      rand() < 0.25 ? EXTREMES[Math.floor(rand() * EXTREMES.length)]! : lo + rand() * (hi - lo);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const types = ['ATS_W_SMBL', 'OTC_W_SMBL', 'ATS_W_SMBL_FIRM', 'OTC_W_SMBL_FIRM', 'ATS_W_FIRM', 'junk'];
    const days = tradingDaysBetween('2023-10-02', AS_OF);
    for (let i = 0; i < 1500; i++) {
      const barRows: OhlcvBar[] = days
        .filter(() => rand() > 0.05)
        .map((date) => ({ date, open: null, high: null, low: null, close: num(1, 50), volume: num(0, 5e6) }));
      if (rand() < 0.1) barRows.reverse();
      const otcWeeks = Array.from({ length: Math.floor(rand() * 40) }, () =>
        row(pick(mondaysBefore('2024-03-11', 24)), pick(types), num(0, 3e6), pick(['T1', 'T2', 'OTC', 'X'])),
      );
      const trades: TradesDay[] = Array.from({ length: Math.floor(rand() * 8) }, () => ({
        date: pick(days.slice(-10)),
        buyVolume: rand() < 0.2 ? 0 : num(0, 1e6),
        sellVolume: rand() < 0.2 ? 0 : num(0, 1e6),
        method: pick(['nbbo', 'tick'] as const),
      }));
      const r = computeOffExchangeMetrics({ asOf: AS_OF, otcWeeks, bars: barRows, trades });
      expect(nonFinitePaths(r), `seed run ${i}`).toEqual([]);
      const m = r.metrics;
      if (!m) continue;
      if (m.accumulationScore !== null) expect(m.accumulationScore).toSatisfy((s: number) => s >= 0 && s <= 100);
      if (m.accumulationConfidence !== null)
        expect(m.accumulationConfidence).toSatisfy((c: number) => c >= 0 && c <= 1);
      if (m.litImbalance !== null) expect(Math.abs(m.litImbalance)).toBeLessThanOrEqual(1);
      if (m.litLogRatio !== null) expect(Math.abs(m.litLogRatio)).toBeLessThanOrEqual(Math.log(100));
      expect(['anchored', 'stale', 'none']).toContain(m.otcFlag);
    }
  });
});
