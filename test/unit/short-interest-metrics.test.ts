import { describe, expect, it } from 'vitest';
import { computeShortInterestMetrics, type ShortInterestReport } from '../../src/signals/short-interest-metrics';
import { shortInterestPublicationDate } from '../../src/market/finra-calendar';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import { nonFinitePaths } from '../support/finite';

// GME, settlement 2021-01-15 (FORMATS.md): SI 61,782,730, previous 71,196,206, ADV 29,385,884.
const DEC31: ShortInterestReport = {
  settlementDate: '2020-12-31',
  publishedOn: '2021-01-12',
  shortInterest: 68_129_149,
  previousShortInterest: 67_993_434,
};
const JAN15: ShortInterestReport = {
  settlementDate: '2021-01-15',
  publishedOn: '2021-01-27',
  shortInterest: 61_782_730,
  previousShortInterest: 71_196_206,
};
/** the same volume every session from November 2020 to February 2021 (empty for null) */
const flatVolumes = (v: number | null): Map<string, number> =>
  new Map(v === null ? [] : tradingDaysBetween('2020-11-01', '2021-02-28').map((d) => [d, v]));
const base = { floatShares: 50_000_000, volumes: flatVolumes(29_385_884), quality: 0.9 };
const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);

describe('point in time', () => {
  it('FINRA publishes the 2021-01-15 settlement on 2021-01-27 (7th business day, MLK day skipped)', () => {
    expect(shortInterestPublicationDate('2021-01-15')).toBe('2021-01-27');
  });

  it.each([
    ['the day before publication: the previous report', '2021-01-26', '2020-12-31'],
    ['on the publication day: the new report', '2021-01-27', '2021-01-15'],
    ['after it', '2021-02-05', '2021-01-15'],
  ])('%s', (_name, asOf, settlement) => {
    const r = computeShortInterestMetrics([DEC31, JAN15], { ...base, asOf });
    expect(r.metrics!.settlementDate).toBe(settlement);
  });

  it('is invisible before its publication date even with no other report', () => {
    const r = computeShortInterestMetrics([JAN15], { ...base, asOf: '2021-01-26' });
    expect(r.metrics).toBeNull();
    expect(r.flags).toEqual([
      { code: 'no_short_interest', message: '1 report(s) exist but none was published by 2021-01-26' },
    ]);
  });

  it("uses FINRA's calendar when a report carries no publication date", () => {
    const undated = { ...JAN15, publishedOn: '' };
    expect(computeShortInterestMetrics([undated], { ...base, asOf: '2021-01-26' }).metrics).toBeNull();
    expect(computeShortInterestMetrics([undated], { ...base, asOf: '2021-01-27' }).metrics!.publishedOn).toBe(
      '2021-01-27',
    );
  });

  it('does not depend on input order', () => {
    const a = computeShortInterestMetrics([JAN15, DEC31], { ...base, asOf: '2021-02-01' });
    const b = computeShortInterestMetrics([DEC31, JAN15], { ...base, asOf: '2021-02-01' });
    expect(a).toEqual(b);
  });
});

describe('metrics', () => {
  it('computes GME on 2021-01-27 from the published figures', () => {
    const { metrics, flags } = computeShortInterestMetrics([DEC31, JAN15], { ...base, asOf: '2021-01-27' });
    expect(metrics).toEqual({
      settlementDate: '2021-01-15',
      publishedOn: '2021-01-27',
      sharesShort: 61_782_730,
      percentOfFloat: 61_782_730 / 50_000_000,
      daysToCover: 61_782_730 / 29_385_884,
      changePct: 61_782_730 / 71_196_206 - 1,
      ageDays: 0,
      quality: 0.9,
    });
    expect(codes({ flags })).toEqual(['si_above_float']);
  });

  it.each([
    // [si, adv20, days to cover]: FINRA would print 1.00 for the first (floored) and 999.99 for a 0 ADV
    [100, 1000, 0.1],
    [5_000_000, 1_000_000, 5],
    [5_000_000, 0, null],
    [5_000_000, null, null],
  ])('days to cover of %i shares on ADV20 %s is %s', (si, adv20, expected) => {
    const r = computeShortInterestMetrics([{ ...JAN15, shortInterest: si }], {
      ...base,
      volumes: flatVolumes(adv20),
      asOf: '2021-02-01',
    });
    expect(r.metrics!.daysToCover).toBe(expected);
    expect(codes(r).includes('no_adv')).toBe(expected === null);
  });

  it.each([
    [null, null, true],
    [0, null, true],
    [NaN, null, true],
    [200_000_000, 61_782_730 / 200_000_000, false],
  ])('float %s gives %% of float %s (unknown_float: %s)', (floatShares, pct, flagged) => {
    const r = computeShortInterestMetrics([JAN15], { ...base, floatShares, asOf: '2021-02-01' });
    expect(r.metrics!.percentOfFloat).toBe(pct);
    expect(codes(r).includes('unknown_float')).toBe(flagged);
  });

  it.each([
    ['the previous figure the report carries', JAN15, [DEC31, JAN15], 61_782_730 / 71_196_206 - 1],
    [
      'the previous visible report when the figure is missing',
      { ...JAN15, previousShortInterest: null },
      [DEC31],
      61_782_730 / 68_129_149 - 1,
    ],
    ['nothing when neither exists', { ...JAN15, previousShortInterest: null }, [], null],
    ['nothing against a zero previous position', { ...JAN15, previousShortInterest: 0 }, [], null],
  ])('change vs the previous report uses %s', (_name, current, others, expected) => {
    const reports = [...(others as ShortInterestReport[]).filter((r) => r !== JAN15), current];
    expect(computeShortInterestMetrics(reports, { ...base, asOf: '2021-02-01' }).metrics!.changePct).toBe(expected);
  });

  it.each([
    ['2021-02-10', 14, false],
    ['2021-02-11', 15, true],
  ])('on %s the report is %i days old (si_stale: %s)', (asOf, age, stale) => {
    const r = computeShortInterestMetrics([JAN15], { ...base, asOf });
    expect(r.metrics!.ageDays).toBe(age);
    expect(codes(r).includes('si_stale')).toBe(stale);
  });

  it('honours a configured maximum age', () => {
    expect(codes(computeShortInterestMetrics([JAN15], { ...base, asOf: '2021-02-01', maxAgeDays: 3 }))).toContain(
      'si_stale',
    );
  });

  it('skips reports whose short interest is not a usable number', () => {
    const bad = { ...JAN15, settlementDate: '2021-01-29', publishedOn: '2021-02-09', shortInterest: NaN };
    expect(computeShortInterestMetrics([JAN15, bad], { ...base, asOf: '2021-02-10' }).metrics!.settlementDate).toBe(
      '2021-01-15',
    );
  });

  it('has no NaN or Infinity even with hostile inputs', () => {
    const r = computeShortInterestMetrics([JAN15, { ...DEC31, shortInterest: Infinity }], {
      asOf: '2021-03-01',
      floatShares: NaN,
      volumes: flatVolumes(Infinity),
      quality: NaN,
    });
    expect(nonFinitePaths(r)).toEqual([]);
    expect(r.metrics!.quality).toBeNull();
  });
});
