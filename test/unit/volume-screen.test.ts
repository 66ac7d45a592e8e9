import { describe, expect, it } from 'vitest';
import { createBarStore, type BarColumns } from '../../src/pipeline/bar-store';
import { createVolumeScreen } from '../../src/pipeline/volume-screen';
import { addTradingDays } from '../../src/market/trading-calendar';

/** Deterministic, uneven bars (a seeded LCG), with a name that trades every other day. */
function market(): Map<string, BarColumns> {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = new Map<string, BarColumns>();
  for (const [symbol, step] of [
    ['AAA', 1],
    ['BBB', 1],
    ['HOLE', 2],
  ] as const) {
    const dates: string[] = [];
    for (let i = 0; i < 120; i += step) dates.push(addTradingDays('2024-01-02', i));
    const close = Float64Array.from(dates, () => 5 + random() * 10);
    const volume = Float64Array.from(dates, () => Math.round(1e5 + random() * 5e6));
    out.set(symbol, { dates, open: close, high: close, low: close, close, volume });
  }
  return out;
}

describe('volume screen', () => {
  it('gives the same values on every day whether it keeps each series or sweeps per ask', () => {
    const bars = createBarStore(market());
    const kept = createVolumeScreen(bars, 20);
    const swept = createVolumeScreen(bars, 20, { keep: false });
    let seen = 0;
    for (let i = 0; i < 125; i++) {
      const day = addTradingDays('2024-01-02', i);
      for (const symbol of ['AAA', 'BBB', 'HOLE', 'NONE']) {
        const a = kept.at(symbol, day);
        expect(swept.at(symbol, day)).toEqual(a);
        if (a) seen++;
      }
    }
    // the comparison covered real values, not only the days without enough history
    expect(seen).toBeGreaterThan(200);
  });
});
