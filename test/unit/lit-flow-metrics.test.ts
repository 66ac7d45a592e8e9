import { describe, expect, it } from 'vitest';
import { computeLitFlow, LIT_LOG_RATIO_CAP } from '../../src/signals/lit-flow-metrics';
import { computeOffExchangeMetrics } from '../../src/signals/off-exchange-metrics';
import type { TradesDay } from '../../src/domain/lit-trades';

// The lit window is the 5 sessions ending on asOf: 2024-03-14..2024-03-20 for Wednesday 2024-03-20.
const AS_OF = '2024-03-20';
const WINDOW = ['2024-03-14', '2024-03-15', '2024-03-18', '2024-03-19', '2024-03-20'];
const day = (date: string, buyVolume: number, sellVolume: number, method: 'nbbo' | 'tick' = 'nbbo'): TradesDay => ({
  date,
  buyVolume,
  sellVolume,
  method,
});
const codes = (r: { flags: { code: string }[] }) => r.flags.map((f) => f.code);

describe('lit flow imbalance and log ratio', () => {
  it.each<[string, TradesDay[], number | null, number | null, string[]]>([
    ['balanced buying and selling', WINDOW.map((d) => day(d, 100, 100)), 0, 0, []],
    [
      'volume-weighted over the days: a heavy buy day outweighs light sell days',
      [day(WINDOW[0]!, 900, 100), ...WINDOW.slice(1).map((d) => day(d, 0, 100))],
      400 / 1400,
      Math.log(900 / 500),
      [],
    ],
    [
      'zero sell volume: imbalance +1, log ratio capped at +ln(100), not +Infinity',
      WINDOW.map((d) => day(d, 50, 0)),
      1,
      LIT_LOG_RATIO_CAP,
      ['lit_one_sided'],
    ],
    [
      'zero buy volume: imbalance -1, log ratio capped at -ln(100), not -Infinity',
      WINDOW.map((d) => day(d, 0, 50)),
      -1,
      -LIT_LOG_RATIO_CAP,
      ['lit_one_sided'],
    ],
    ['nothing classified: both null', WINDOW.map((d) => day(d, 0, 0)), null, null, ['lit_no_classified_volume']],
    [
      'a ratio past 100:1 is capped too',
      WINDOW.map((d) => day(d, 1e9, 1)),
      expect.closeTo(1, 6),
      LIT_LOG_RATIO_CAP,
      [],
    ],
    [
      'days older than the window are left out',
      [day('2024-03-13', 0, 1e9), ...WINDOW.map((d) => day(d, 300, 100))],
      0.5,
      Math.log(3),
      [],
    ],
    [
      'days after asOf are left out',
      [...WINDOW.map((d) => day(d, 300, 100)), day('2024-03-21', 0, 1e9)],
      0.5,
      Math.log(3),
      [],
    ],
    [
      'a later duplicate of a day replaces it',
      [...WINDOW.map((d) => day(d, 300, 100)), day(WINDOW[4]!, 100, 300)],
      0.3,
      Math.log(1300 / 700),
      [],
    ],
    [
      'three of five sessions held',
      WINDOW.slice(2).map((d) => day(d, 300, 100)),
      0.5,
      Math.log(3),
      ['lit_partial_window'],
    ],
    [
      'a day with a negative volume is ignored',
      [...WINDOW.slice(0, 4).map((d) => day(d, 300, 100)), day(WINDOW[4]!, -5, 100)],
      0.5,
      Math.log(3),
      ['lit_invalid_rows', 'lit_partial_window'],
    ],
  ])('%s', (_name, trades, imbalance, logRatio, flagCodes) => {
    const r = computeLitFlow(trades, AS_OF);
    if (imbalance === null) expect(r.flow.litImbalance).toBeNull();
    else expect(r.flow.litImbalance).toEqual(typeof imbalance === 'number' ? expect.closeTo(imbalance, 12) : imbalance);
    if (logRatio === null) expect(r.flow.litLogRatio).toBeNull();
    else expect(r.flow.litLogRatio).toBeCloseTo(logRatio, 12);
    expect(codes(r)).toEqual(flagCodes);
  });

  it.each<[string, TradesDay[], 'nbbo' | 'tick', RegExp | null]>([
    ['every day by NBBO', WINDOW.map((d) => day(d, 3, 1, 'nbbo')), 'nbbo', null],
    [
      'every day by the tick rule',
      WINDOW.map((d) => day(d, 3, 1, 'tick')),
      'tick',
      /tick rule \(no quotes\) on 5 of 5 day/,
    ],
    [
      'one tick-rule day among NBBO days',
      WINDOW.map((d, i) => day(d, 3, 1, i === 3 ? 'tick' : 'nbbo')),
      'tick',
      /1 of 5 day\(s\): 2024-03-19;/,
    ],
  ])('litMethod is %s → %s', (_name, trades, method, message) => {
    const r = computeLitFlow(trades, AS_OF);
    expect(r.flow.litMethod).toBe(method);
    const flag = r.flags.find((f) => f.code === 'lit_tick_rule');
    if (message) expect(flag?.message).toMatch(message);
    else expect(flag).toBeUndefined();
  });

  it('on a weekend reads the five sessions up to the Friday', () => {
    const r = computeLitFlow([day('2024-03-11', 1, 1), day('2024-03-15', 4, 1)], '2024-03-17');
    expect([r.flow.from, r.flow.to]).toEqual(['2024-03-11', '2024-03-15']);
    expect(r.flow.daysUsed).toBe(2);
    expect(r.flow.litImbalance).toBeCloseTo(3 / 7, 12);
  });

  it('says how old the newest lit day is when none falls in the window', () => {
    const r = computeLitFlow([day('2024-03-01', 1, 1)], AS_OF);
    expect(r.flow).toMatchObject({ litImbalance: null, litLogRatio: null, litMethod: null, daysUsed: 0 });
    expect(r.flags).toEqual([
      {
        code: 'no_lit_trades',
        message: 'no lit trade data in the 5 sessions 2024-03-14 to 2024-03-20; the newest is 2024-03-01',
      },
    ]);
  });

  it('reaches the off-exchange metrics with its method and flags', () => {
    const r = computeOffExchangeMetrics({
      asOf: AS_OF,
      otcWeeks: [],
      bars: [],
      trades: WINDOW.map((d) => day(d, 0, 10, 'tick')),
    });
    expect(r.metrics).toMatchObject({
      litImbalance: -1,
      litLogRatio: -LIT_LOG_RATIO_CAP,
      litMethod: 'tick',
      otcFlag: 'none',
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining(['lit_tick_rule', 'lit_one_sided', 'no_otc_data', 'price_context_missing']),
    );
  });
});
