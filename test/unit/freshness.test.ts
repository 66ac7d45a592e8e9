import { describe, expect, it } from 'vitest';
import { assessFreshness, expectedNewest } from '../../src/signals/freshness';
import type { Dataset } from '../../src/domain/market-data';

// November 2026 is on EST (UTC−5): 18:00 ET = 23:00Z. 2026-11-20 is a Friday, 11-26 Thanksgiving,
// 11-27 an early (13:00) close. July is on EDT (UTC−4).
describe('expected newest date per dataset', () => {
  it.each<[Dataset, string, string]>([
    ['shortvol', '2026-11-20T23:30:00Z', '2026-11-20'], // 18:30 ET: today's FINRA file is due
    ['shortvol', '2026-11-20T22:30:00Z', '2026-11-19'], // 17:30 ET: not yet
    ['shortvol', '2026-07-01T22:00:00Z', '2026-07-01'], // 18:00 EDT exactly
    ['shortvol', '2026-07-01T21:59:00Z', '2026-06-30'],
    ['shortvol', '2026-11-21T15:00:00Z', '2026-11-20'], // Saturday → Friday
    ['shortvol', '2026-11-26T23:30:00Z', '2026-11-25'], // Thanksgiving → Wednesday
    ['shortvol', '2026-11-21T03:00:00Z', '2026-11-20'], // 22:00 ET Friday, already Saturday in UTC
    ['bars', '2026-11-20T21:29:00Z', '2026-11-19'], // 16:29 ET
    ['bars', '2026-11-20T21:30:00Z', '2026-11-20'], // 16:30 ET
    ['bars', '2026-11-27T18:31:00Z', '2026-11-27'], // 13:31 ET on the early-close day
    ['trades', '2026-11-27T18:29:00Z', '2026-11-25'],
    ['shortinterest', '2026-11-24T22:00:00Z', '2026-10-30'], // 17:00 ET on the 11-13 cycle's release day
    ['shortinterest', '2026-11-24T23:30:00Z', '2026-11-13'],
    ['otc', '2026-11-23T23:30:00Z', '2026-11-09'], // Tier 1: Monday + 14 days
    ['otc', '2026-11-23T15:00:00Z', '2026-11-02'],
    ['universe', '2026-11-22T15:00:00Z', '2026-11-20'],
  ])('%s at %s → %s', (dataset, iso, expected) => {
    expect(expectedNewest(dataset, new Date(iso))).toBe(expected);
  });
});

describe('assessFreshness', () => {
  const evening = new Date('2026-11-20T23:30:00Z');

  it('counts the sessions a dataset is behind', () => {
    expect(assessFreshness('shortvol', '2026-11-18', evening)).toEqual({
      dataset: 'shortvol',
      newest: '2026-11-18',
      expected: '2026-11-20',
      staleTradingDays: 2,
      stale: true,
      message: 'short volume is 2 trading days stale (newest 2026-11-18, expected 2026-11-20)',
    });
    expect(assessFreshness('bars', '2026-11-19', evening).message).toBe(
      'daily bars are 1 trading day stale (newest 2026-11-19, expected 2026-11-20)',
    );
  });

  it('calls a dataset current when it holds the expected day or later', () => {
    const f = assessFreshness('shortvol', '2026-11-20', evening);
    expect(f).toMatchObject({ stale: false, staleTradingDays: 0, message: 'short volume is current (2026-11-20)' });
    // An early re-fetch before 18:00 can hold today's file already: still current, not negative.
    const early = assessFreshness('shortvol', '2026-11-20', new Date('2026-11-20T21:00:00Z'));
    expect(early).toMatchObject({ stale: false, staleTradingDays: 0, expected: '2026-11-19' });
  });

  it('says when nothing is held', () => {
    expect(assessFreshness('shortvol', null, evening)).toMatchObject({
      stale: true,
      staleTradingDays: null,
      message: 'no short volume held',
    });
    expect(assessFreshness('universe', null, evening).message).toBe('no universe held');
  });

  it('measures short interest against the latest published settlement', () => {
    const f = assessFreshness('shortinterest', '2026-10-30', new Date('2026-11-24T23:30:00Z'));
    expect(f.message).toBe('short interest is 10 trading days stale (newest 2026-10-30, expected 2026-11-13)');
    expect(assessFreshness('shortinterest', '2026-10-30', new Date('2026-11-24T22:00:00Z')).stale).toBe(false);
  });

  it('lets the universe be up to a week old', () => {
    const noon = new Date('2026-11-20T17:00:00Z');
    expect(assessFreshness('universe', '2026-11-13', noon)).toMatchObject({
      stale: false,
      message: 'universe is current (2026-11-13)',
    });
    expect(assessFreshness('universe', '2026-11-12', noon).message).toBe(
      'universe is 6 trading days stale (newest 2026-11-12, expected 2026-11-20)',
    );
  });
});
