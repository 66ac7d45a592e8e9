import { describe, expect, it } from 'vitest';
import { decideDip, isDip, severityOf, thesisState, type DipInput } from '../../src/portfolio/dip-rules';
import type { ThesisSnapshot } from '../../src/portfolio/thesis-metrics';
import type { Level } from '../../src/signals/support-resistance';
import { testConfig } from '../support/config';

const p = testConfig().portfolio;
const level = (price: number): Level => ({ price, touches: 2, lastDate: '2025-08-29', kinds: ['low'] });
const snap = (o: Partial<ThesisSnapshot> = {}): ThesisSnapshot => ({
  volume_multiple: 12,
  si_pct_float: 0.22,
  days_to_cover: 4,
  short_ratio_z: 1.5,
  score: 0.8,
  fuel: 0.7,
  trigger: 0.6,
  ...o,
});
// QUBT-like (004 spec §3): entry 2.94, now 2.45, support 2.40, resistance 3.25; ATR 0.10 → stop 2.30, R/R
// (3.25−2.45)/0.15 = 5.3
const base: DipInput = {
  close: 2.45,
  avgCost: 2.94,
  highSinceEntry: 3.1,
  entry: snap(),
  now: snap(),
  atr: 0.1,
  supports: [level(2.4), level(2.2)],
  resistances: [level(3.25), level(3.7)],
};

describe('dip rules', () => {
  it.each([
    { name: 'thesis intact, near support, R/R 5.3', change: {}, action: 'BUY_MORE', sizePct: 15 },
    {
      name: 'volume collapsed below half of entry (one check: weakened)',
      change: { now: snap({ volume_multiple: 5 }) },
      action: 'HOLD',
      sizePct: 0,
    },
    { name: 'score collapsed (broken)', change: { now: snap({ score: 0.5 }) }, action: 'REVIEW', sizePct: 0 },
    {
      name: 'SI and days to cover collapsed (two checks: broken)',
      change: { now: snap({ si_pct_float: 0.1, days_to_cover: 1 }) },
      action: 'REVIEW',
      sizePct: 0,
    },
    {
      // 2.40 is now above the price: it is not a support; the next one down (2.20) is
      name: 'close under the nearest support: the lower support takes over',
      change: { close: 2.25 },
      action: 'BUY_MORE',
      sizePct: 20,
    },
    {
      name: 'far above support (1.5 ATR)',
      change: { close: 2.55, supports: [level(2.4)] },
      action: 'HOLD',
      sizePct: 0,
    },
    { name: 'R/R under 2 (resistance close by)', change: { resistances: [level(2.6)] }, action: 'HOLD', sizePct: 0 },
    { name: 'no resistance above', change: { resistances: [] }, action: 'HOLD', sizePct: 0 },
    { name: 'no metrics at entry (thesis unknown)', change: { entry: null }, action: 'HOLD', sizePct: 0 },
  ] as { name: string; change: Partial<DipInput>; action: string; sizePct: number }[])(
    '$name → $action',
    ({ change, action, sizePct }) => {
      const d = decideDip({ ...base, ...change }, p);
      expect(d.action).toBe(action);
      expect(d.sizePct).toBe(sizePct);
      expect(d.reasons.length).toBeGreaterThan(0);
    },
  );

  it('computes the stop one ATR under the nearest support and R/R to the nearest resistance', () => {
    const d = decideDip(base, p);
    expect(d.support).toBe(2.4);
    expect(d.stop).toBeCloseTo(2.3, 10);
    expect(d.riskReward).toBeCloseTo(0.8 / 0.15, 10);
    expect(d.dipPct).toBeCloseTo(1 - 2.45 / 2.94, 10);
    expect(d.severity).toBe('MODERATE');
    expect(d.checks.map((c) => [c.key, c.pass])).toEqual([
      ['volume_multiple', true],
      ['si_pct_float', true],
      ['days_to_cover', true],
      ['score', true],
    ]);
  });

  it('caps the buy-more size at portfolio.max_allocation_pct', () => {
    const d = decideDip(
      { ...base, close: 2.0, supports: [level(1.95)], resistances: [level(3.25)] },
      { ...p, max_allocation_pct: 12 },
    );
    expect(d.severity).toBe('SEVERE');
    expect(d.action).toBe('BUY_MORE');
    expect(d.sizePct).toBe(12);
  });

  it.each([
    [0.049, false],
    [0.05, true],
    [0.2, true],
  ])('a drop of %s from average cost is a dip at the 5%% threshold: %s', (drop, dip) => {
    expect(isDip(100 * (1 - drop), 100, 0.05)).toBe(dip);
  });

  it.each([
    [0.06, 'MILD'],
    [0.1, 'MODERATE'],
    [0.2, 'SEVERE'],
    [0.35, 'EXTREME'],
  ])('a %s dip is %s', (drop, severity) => expect(severityOf(drop)).toBe(severity));

  it('treats a check missing either value as unknown, deciding nothing', () => {
    expect(thesisState([{ key: 'score', label: 'score', entry: null, now: 0.5, needed: null, pass: null }])).toBe(
      'UNKNOWN',
    );
  });
});

// Issue 13 "advice that cannot harm": constructed cases where the old rule produced a stop ≤ 0 or a
// thesis that held on nothing. Every case: the stop, when there is one, is strictly between 0 and the
// price, and BUY_MORE never appears without one.
describe('advice that cannot harm', () => {
  it.each([
    {
      name: 'GME bought at 300, down 82%, support 13 under ATR 40 → ATR fallback stop',
      change: { close: 54, avgCost: 300, atr: 40, supports: [level(13.42)], resistances: [level(60), level(483)] },
      basis: 'atr',
    },
    {
      name: 'support $5.10 under a $58 price, ATR 5.28 → ATR fallback',
      change: { close: 58, avgCost: 80, atr: 5.28, supports: [level(5.1)], resistances: [level(70)] },
      basis: 'atr',
    },
    {
      name: 'price − ATR under zero too → no valid stop',
      change: { close: 10, avgCost: 50, atr: 12, supports: [level(5)], resistances: [level(20)] },
      basis: null,
    },
    {
      name: 'a "support" above the price is not used',
      change: { close: 2.0, supports: [level(2.4)], resistances: [level(3.25)] },
      basis: 'atr',
    },
    {
      name: 'no pivots → ATR fallback',
      change: { supports: [], resistances: [] },
      basis: 'atr',
    },
    { name: 'zero ATR → no stop', change: { atr: 0 }, basis: null },
    { name: 'negative ATR → no stop', change: { atr: -0.3 }, basis: null },
    { name: 'NaN ATR → no stop', change: { atr: NaN }, basis: null },
    {
      name: 'tiny price $0.18 with support $0.17, ATR 0.005',
      change: { close: 0.18, avgCost: 0.3, atr: 0.005, supports: [level(0.17)], resistances: [level(0.25)] },
      basis: 'support',
    },
    {
      name: 'tiny price $0.18 with ATR 0.2 → no stop',
      change: { close: 0.18, avgCost: 0.3, atr: 0.2, supports: [level(0.17)], resistances: [level(0.25)] },
      basis: null,
    },
  ] as { name: string; change: Partial<DipInput>; basis: string | null }[])('$name', ({ change, basis }) => {
    const input = { ...base, ...change };
    const d = decideDip(input, p);
    expect(d.stopBasis).toBe(basis);
    if (d.stop !== null) {
      expect(d.stop).toBeGreaterThan(0);
      expect(d.stop).toBeLessThan(input.close);
    } else {
      expect(d.action).not.toBe('BUY_MORE');
      expect(d.stopNote).toMatch(/^no valid stop/);
    }
    if (d.support !== null) expect(d.support).toBeLessThan(input.close);
    if (d.resistance !== null) expect(d.resistance).toBeGreaterThan(input.close);
    if (basis !== 'support') expect(d.action).not.toBe('BUY_MORE');
  });

  it('an entry score below the floor cannot make the score check pass', () => {
    const d = decideDip({ ...base, entry: snap({ score: 0.1 }), now: snap({ score: 0.15 }) }, p);
    const score = d.checks.find((c) => c.key === 'score')!;
    expect(score.needed).toBe(p.thesis.score_min);
    expect(score.pass).toBe(false);
    expect(d.action).toBe('REVIEW');
  });

  it('volume at its neutral prior (1×) does not hold the thesis', () => {
    const d = decideDip({ ...base, entry: snap({ volume_multiple: 1 }), now: snap({ volume_multiple: 1 }) }, p);
    expect(d.checks[0]!.pass).toBe(false);
    expect(d.action).not.toBe('BUY_MORE');
  });

  it('missing inputs are not measured: one check alone is UNKNOWN, not INTACT', () => {
    const only = (o: Partial<ThesisSnapshot>) =>
      snap({ volume_multiple: null, si_pct_float: null, days_to_cover: null, ...o });
    const d = decideDip({ ...base, entry: only({}), now: only({}) }, p);
    expect(d.measured).toBe(1);
    expect(d.thesis).toBe('UNKNOWN');
    expect(d.action).toBe('HOLD');
    expect(d.factors.filter((f) => f.note === 'not measured')).toHaveLength(3);
  });

  it('fills the seed-004 shape: strength, confidence, entry range, take-profits', () => {
    const d = decideDip(base, p);
    expect(d.action).toBe('BUY_MORE');
    expect(d.strength).toBeCloseTo(1, 10);
    expect(d.confidence).toBeCloseTo(1, 10);
    expect(d.entryRange).toEqual({ low: 2.4, high: 2.45 });
    expect([d.takeProfit1, d.takeProfit2]).toEqual([3.25, 3.7]);
  });
});
