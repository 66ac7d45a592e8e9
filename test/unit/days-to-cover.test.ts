import { describe, expect, it } from 'vitest';
import { daysToCoverOf, DTC_SESSIONS, settlementAdv } from '../../src/signals/days-to-cover';
import { tradingDaysBetween } from '../../src/market/trading-calendar';

// GME, settlement 2020-12-31: 68,129,149 shares short. The volumes are made up so each window gives a
// distinct mean: which sessions are in the window is what these tests pin down.
const SETTLED = '2020-12-31';
const SESSIONS = tradingDaysBetween('2020-11-01', '2021-01-29');
const upTo = SESSIONS.filter((d) => d <= SETTLED).slice(-DTC_SESSIONS);

function volumes(over: Record<string, number> = {}): Map<string, number> {
  return new Map(SESSIONS.map((d) => [d, over[d] ?? (upTo.includes(d) ? 10_000_000 : 1_000_000)]));
}
const report = { settlementDate: SETTLED, shortInterest: 68_129_149, avgDailyVolume: 40_000_000 };

describe('days to cover: shares short ÷ consolidated ADV of the 20 sessions ending on the settlement', () => {
  it('divides by the 20 sessions up to and including the settlement day, not FINRA’s ADV', () => {
    expect(upTo).toHaveLength(20);
    expect(upTo.at(-1)).toBe(SETTLED);
    expect(daysToCoverOf(report, volumes())).toEqual({
      value: 68_129_149 / 10_000_000,
      adv: 10_000_000,
      basis: 'bars_adv20',
    });
  });

  it('does not move with volume after the settlement (a spike on the day asked about)', () => {
    const spiked = volumes({ '2021-01-22': 197_000_000, '2021-01-25': 177_000_000 });
    expect(daysToCoverOf(report, spiked)!.value).toBe(daysToCoverOf(report, volumes())!.value);
  });

  it('counts the settlement day itself and not the 21st session before it', () => {
    const first = upTo[0]!;
    const before = SESSIONS[SESSIONS.indexOf(first) - 1]!;
    expect(settlementAdv(volumes({ [SETTLED]: 30_000_000 }), SETTLED)).toBe(11_000_000);
    expect(settlementAdv(volumes({ [before]: 500_000_000 }), SETTLED)).toBe(10_000_000);
  });

  it('falls back to FINRA’s ADV, said in the basis, when a session of the window has no bar', () => {
    const holed = volumes();
    holed.delete(upTo[5]!);
    expect(daysToCoverOf(report, holed)).toEqual({
      value: 68_129_149 / 40_000_000,
      adv: 40_000_000,
      basis: 'finra_adv',
    });
    expect(daysToCoverOf({ ...report, avgDailyVolume: null }, holed)).toBeNull();
  });

  it.each([
    [0, null],
    [Number.NaN, null],
    [Infinity, null],
  ])('a window of volume %s gives no figure without FINRA’s ADV', (v, expected) => {
    const flat = new Map(SESSIONS.map((d) => [d, v]));
    expect(daysToCoverOf({ ...report, avgDailyVolume: null }, flat)).toBe(expected);
  });

  it('a negative or non-finite short interest has no days to cover', () => {
    expect(daysToCoverOf({ ...report, shortInterest: -1 }, volumes())).toBeNull();
    expect(daysToCoverOf({ ...report, shortInterest: Number.NaN }, volumes())).toBeNull();
  });
});
