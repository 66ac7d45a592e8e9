import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineDataRepo } from '../../src/db/repos/pipeline-data.repo';
import { flat, runUp, spikeLast, writeMarket } from '../support/market-fixture';
import { tempDb } from '../support/temp-db';

// The worker-thread read must hand back exactly the columns the one-thread read builds: same symbols in
// the same order, same dates, same values (a missing open/high/low as NaN), and the room asked for.

describe('bars read by worker threads', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it.each([2, 3, 7])('matches the one-thread read with %i threads', async (threads) => {
    t = tempDb();
    writeMarket(t.db, '2024-06-14', 60, {
      ZED: { close: runUp(10, 12, 0.05, 0.06), volume: (i) => 1e6 + i },
      ALT: { close: flat(8), volume: spikeLast(3e6, 7) },
      // a listing that starts late, one that stops early, close-only screener bars
      NEW: { close: runUp(4, 8, 0.08, 0.05), volume: () => 1e6, days: 9 },
      OLD: { close: flat(12), volume: () => 2e6, endsDaysBefore: 40 },
      SCR: { close: flat(6), volume: () => 1.2e6, screenerDays: 15 },
    });
    const data = createPipelineDataRepo(t.db);
    for (const [from, to] of [
      ['2024-01-01', '2024-12-31'],
      ['2024-04-10', '2024-05-20'],
      ['2024-06-14', '2024-06-14'],
      ['2025-01-01', '2025-02-01'],
    ] as const) {
      const one = data.barsBetween(from, to, 5);
      const many = await data.barsBetweenParallel(from, to, 5, threads);
      expect([...many.keys()], `${from}..${to}`).toEqual([...one.keys()]);
      for (const [symbol, c] of one) {
        const m = many.get(symbol)!;
        expect(m.dates, symbol).toEqual(c.dates);
        for (const k of ['open', 'high', 'low', 'close', 'volume'] as const)
          expect(Array.from(m[k]), `${symbol} ${k}`).toEqual(Array.from(c[k]));
        expect(m.close.buffer.byteLength / 8).toBeGreaterThanOrEqual(c.dates.length + 5);
      }
    }
    // the screener's close-only bars keep their missing high as NaN
    const scr = (await data.barsBetweenParallel('2024-01-01', '2024-12-31', 0, threads)).get('SCR')!;
    expect(scr.dates).toHaveLength(15);
    expect(Number.isNaN(scr.high[0]!)).toBe(true);
  });
});
