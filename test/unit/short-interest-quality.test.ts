import { describe, expect, it } from 'vitest';
import type { ShortInterestRecord } from '../../src/domain/market-data';
import { assessShortInterestQuality, QUALITY_WEIGHTS } from '../../src/signals/short-interest-quality';

// GME, settlement 2021-01-15 (FORMATS.md: SI 61,782,730, previous 71,196,206, ADV 29,385,884), published
// 2021-01-27; the previous report is the 2020-12-31 settlement, published 2021-01-12.
function finra(over: Partial<ShortInterestRecord> = {}): ShortInterestRecord {
  return {
    symbol: 'GME',
    settlementDate: '2021-01-15',
    source: 'finra',
    shortInterest: 61_782_730,
    previousShortInterest: 71_196_206,
    avgDailyVolume: 29_385_884,
    daysToCoverReported: 2.1,
    changePercent: -13.22,
    changeShares: -9_413_476,
    shortPercentFloat: null,
    floatShares: null,
    issueName: 'GameStop Corporation Class A',
    marketClass: 'NYSE',
    exchangeCode: 'A',
    revisionFlag: false,
    splitFlag: false,
    publishedOn: '2021-01-27',
    ...over,
  };
}
const previous = finra({
  settlementDate: '2020-12-31',
  shortInterest: 71_196_206,
  previousShortInterest: 68_000_000,
  publishedOn: '2021-01-12',
});
const yahoo = finra({ source: 'yahoo', previousShortInterest: null, avgDailyVolume: null, floatShares: 50_000_000 });

describe('short-interest quality', () => {
  it('scores a fresh, complete figure that agrees everywhere at 1 with no notes', () => {
    const q = assessShortInterestQuality({ record: finra(), previous, yahoo, asOf: '2021-01-27' });
    expect(q).toEqual({ completeness: 1, freshness: 1, consistency: 1, agreement: 1, overall: 1, notes: [] });
  });

  it.each([
    ['2021-01-27', 1], // publication day
    ['2021-02-09', 1 - 9 / 21], // nine sessions later, the 01-29 report is out
    ['2021-02-26', 1 - 21 / 21],
    ['2021-03-15', 0],
  ])('decays freshness with sessions since publication (as of %s → %d)', (asOf, expected) => {
    const q = assessShortInterestQuality({ record: finra(), previous, yahoo, asOf });
    expect(q.freshness).toBeCloseTo(expected, 3);
  });

  it('says when a newer report has been published', () => {
    const q = assessShortInterestQuality({ record: finra(), previous, yahoo, asOf: '2021-02-09' });
    expect(q.notes).toContain('a newer report (settlement 2021-01-29) has been published since');
  });

  it('flags a previous figure that disagrees with our stored report', () => {
    const stored = { ...previous, shortInterest: 63_000_000 };
    const q = assessShortInterestQuality({ record: finra(), previous: stored, yahoo, asOf: '2021-01-27' });
    expect(q.notes).toContain('previous figure differs from our stored report by 12%');
    // match part: 11.5% off → 1 − (0.115 − 0.01)/0.24; plausibility part: 1
    expect(q.consistency).toBeCloseTo((1 - (8_196_206 / 71_196_206 - 0.01) / 0.24 + 1) / 2, 3);
    expect(q.overall).toBeLessThan(1);
  });

  it('flags a jump of more than 5× unless a split is flagged', () => {
    const jump = finra({ shortInterest: 6_000_000, previousShortInterest: 1_000_000 });
    const q = assessShortInterestQuality({ record: jump, asOf: '2021-01-27' });
    expect(q.consistency).toBe(0.3);
    expect(q.notes).toContain('short interest rose 6.0× since the previous report with no split flagged');

    const split = assessShortInterestQuality({ record: { ...jump, splitFlag: true }, asOf: '2021-01-27' });
    expect(split.consistency).toBe(1);
    expect(split.notes).toContain('short interest rose 6.0× but a split is flagged');
  });

  it('lowers agreement when Yahoo reports a different figure for the same settlement', () => {
    const q = assessShortInterestQuality({
      record: finra(),
      previous,
      yahoo: { ...yahoo, shortInterest: 50_000_000 },
      asOf: '2021-01-27',
    });
    const d = 11_782_730 / 61_782_730;
    expect(q.agreement).toBeCloseTo(1 - (d - 0.02) / 0.23, 3);
    expect(q.notes).toContain("Yahoo's figure for 2021-01-15 differs from FINRA's by 19%");
  });

  it("compares Yahoo's older figure with our previous report, and a far one only loosely", () => {
    const lagging = { ...yahoo, settlementDate: '2020-12-31', shortInterest: 71_196_206 };
    expect(
      assessShortInterestQuality({ record: finra(), previous, yahoo: lagging, asOf: '2021-01-27' }).agreement,
    ).toBe(1);

    const far = { ...yahoo, settlementDate: '2020-11-30', shortInterest: 61_782_730 };
    const q = assessShortInterestQuality({ record: finra(), previous, yahoo: far, asOf: '2021-01-27' });
    expect(q.agreement).toBe(0.8);
    expect(q.notes.some((n) => n.startsWith("Yahoo's figure is for 2020-11-30, not 2021-01-15"))).toBe(true);
  });

  it('leaves agreement out of the overall score when there is no Yahoo figure', () => {
    const q = assessShortInterestQuality({ record: finra({ floatShares: 50_000_000 }), previous, asOf: '2021-02-09' });
    expect(q.agreement).toBeNull();
    const w = QUALITY_WEIGHTS;
    const expected =
      (w.completeness * 1 + w.freshness * (1 - 9 / 21) + w.consistency * 1) /
      (w.completeness + w.freshness + w.consistency);
    expect(q.overall).toBeCloseTo(expected, 3);
    expect(q.notes).toContain('no Yahoo figure to cross-check');
  });

  it('counts missing fields and says which', () => {
    const thin = finra({ avgDailyVolume: 0, previousShortInterest: null });
    const q = assessShortInterestQuality({ record: thin, asOf: '2021-01-27' });
    expect(q.completeness).toBe(0.25);
    expect(q.consistency).toBe(0.5);
    expect(q.notes).toEqual(
      expect.arrayContaining([
        'no average daily volume: days to cover cannot be computed',
        'the report carries no previous figure',
        'no float figure: short % of float is unavailable',
        'no previous figure: consistency cannot be checked',
      ]),
    );
  });

  it('notes a figure used before its publication date', () => {
    const q = assessShortInterestQuality({ record: finra(), previous, yahoo, asOf: '2021-01-20' });
    expect(q.notes).toContain('used before its publication date (2021-01-27)');
  });
});
