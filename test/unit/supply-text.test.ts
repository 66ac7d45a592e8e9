import { describe, expect, it } from 'vitest';
import { marketCalendar } from '../../src/reports/market-calendar.model';
import { reportCsv } from '../../src/reports/report-csv.render';
import { scoredName } from '../../src/reports/score-row';
import { calendarText } from '../../src/reports/short-views.render';
import { ofAdv, optionsFields, optionsSentence, thresholdCell, thresholdText } from '../../src/reports/supply-text';
import type { OptionsMetrics, ThresholdMetrics } from '../../src/signals/metric-types';

const on = (streakDays: number, markets: string[]): ThresholdMetrics => ({
  onList: true,
  streakDays,
  markets,
  date: '2021-01-26',
});
const options: OptionsMetrics = {
  date: '2021-01-27',
  callVolume: 1150,
  putVolume: 350,
  callPutRatio: 1150 / 350,
  optionsVolume: 1500,
  callOpenInterest: 11_000,
  putOpenInterest: 2700,
  nearMoneyCallOiToAdv: 1.6,
  iv30: 1.205,
};

describe('threshold and options in words', () => {
  it.each([
    [on(7, ['nasdaq']), [], "on Nasdaq's Reg SHO threshold list, 7 days running"],
    [on(1, ['nyse']), [], "on NYSE's Reg SHO threshold list, 1 day running"],
    [on(3, ['cboe', 'nyse']), [], "on Cboe BZX's and NYSE's Reg SHO threshold lists, 3 days running"],
    [
      on(6, ['nasdaq']),
      [{ code: 'threshold_streak_partial', message: '' }],
      "on Nasdaq's Reg SHO threshold list, at least 6 days running",
    ],
    [
      { onList: false, streakDays: 0, markets: [], date: '2021-01-26' },
      [],
      'not on a Reg SHO threshold list (lists of 2021-01-26)',
    ],
  ])('%j → %s', (t, flags, text) => expect(thresholdText(t, flags)).toBe(text));

  it.each([
    [null, false, '—'],
    [0, false, 'off'],
    [7, false, '7 d'],
    [6, true, '≥6 d'],
  ])('cell %s (partial %s) → %s', (days, partial, cell) => expect(thresholdCell(days, partial)).toBe(cell));

  it('puts call and put volume, the ratio, near-money open interest against ADV and iv30 on the card', () => {
    expect(optionsFields(options)).toEqual([
      ['Options vol.', 'calls 1,150 / puts 350  C/P 3.29'],
      ['Open interest', 'calls 11k / puts 2,700'],
      ['Near-money OI', 'calls = 1.6× ADV20 in shares (±10%, ≤30 d)'],
      ['IV30', '120.5%  (chain of 2021-01-27)'],
    ]);
    expect(optionsFields({ ...options, callPutRatio: null })[0]![1]).toMatch(/C\/P — \(no puts\)/);
    expect(optionsSentence(options)).toBe(
      'Options (2021-01-27): 1,500 contracts, call/put 3.29, near-money call open interest 1.6× ADV20.',
    );
    expect(ofAdv(0.009)).toBe('0.9% of ADV20');
  });
});

describe('report columns and calendar', () => {
  it('lifts the streak, the lists and the options figures out of the stored metrics into the CSV', () => {
    const row = scoredName({
      symbol: 'GME',
      rank: 1,
      score: 0.8,
      fuel: null,
      trigger: 0.7,
      level: 'high',
      source: 'volume_detector',
      components: [],
      metrics: { supply: { borrow: null, fails: null, threshold: on(5, ['nyse']), options } },
      flags: [{ code: 'threshold_streak_partial', message: '' }],
    });
    expect(row).toMatchObject({
      thresholdDays: 5,
      thresholdPartial: true,
      thresholdMarkets: 'nyse',
      callPutRatio: 1150 / 350,
      optionsVolume: 1500,
      nearMoneyCallOiToAdv: 1.6,
    });
    const csv = reportCsv({
      kind: 'daily',
      asOf: '2021-01-27',
      ranked: [{ ...row, previousScore: null, previousRank: null, change: null, trend: 'new' }],
      newCandidates: [],
    } as never);
    const [header, line] = csv
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const col = (name: string) => line![header!.indexOf(name)];
    expect([
      col('threshold_days'),
      col('threshold_lists'),
      col('options_volume'),
      col('near_money_call_oi_adv'),
    ]).toEqual(['5', 'nyse', '1500', '1.6']);
  });

  it('says when the next lists and the next options snapshot come', () => {
    const c = marketCalendar('2021-01-29', 3, { optionsSnapshot: '16:45' });
    expect(c.thresholdLists).toEqual({
      listDate: '2021-01-29',
      usableFrom: '2021-02-01',
      posts: [
        { market: 'NYSE', date: '2021-01-29', time: '22:00' },
        { market: 'Nasdaq', date: '2021-01-29', time: '23:00' },
        { market: 'Cboe BZX', date: '2021-01-30', time: '03:00' },
      ],
    });
    expect(marketCalendar('2021-01-30').optionsSnapshot).toEqual({ date: '2021-02-01', time: '16:45' });
    expect(calendarText(c)).toContain(
      'lists of 2021-01-29: NYSE ~22:00 ET, Nasdaq ~23:00 ET, Cboe BZX ~03:00 ET on 2021-01-30; scored from 2021-02-01',
    );
  });
});
