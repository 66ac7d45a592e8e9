import { describe, expect, it } from 'vitest';
import {
  addToHeld,
  dropHeldBefore,
  holdColumns,
  mergeBarColumns,
  SPARE_BARS,
  viewColumns,
} from '../../src/pipeline/bar-columns';
import type { BarColumns } from '../../src/pipeline/bar-store';

const cols = (rows: [string, number][]): BarColumns => ({
  dates: rows.map((r) => r[0]),
  open: Float64Array.from(rows, (r) => r[1] - 1),
  high: Float64Array.from(rows, (r) => r[1] + 1),
  low: Float64Array.from(rows, (r) => r[1] - 2),
  close: Float64Array.from(rows, (r) => r[1]),
  volume: Float64Array.from(rows, (r) => r[1] * 100),
});

describe('bar columns held in memory', () => {
  it('merges fresh bars by date: appended, inserted between, and a re-written date replaced', () => {
    const held = cols([
      ['2024-01-02', 10],
      ['2024-01-04', 12],
      ['2024-01-05', 13],
    ]);
    const fresh = cols([
      ['2024-01-03', 11],
      ['2024-01-05', 99],
      ['2024-01-08', 14],
    ]);
    const m = mergeBarColumns(held, fresh);
    expect(m.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08']);
    expect([...m.close]).toEqual([10, 11, 12, 99, 14]);
    expect([...m.volume]).toEqual([1000, 1100, 1200, 9900, 1400]);
    expect([...m.low]).toEqual([8, 9, 10, 97, 12]);
    // inputs untouched: a store a scan is reading keeps its columns
    expect([...held.close]).toEqual([10, 12, 13]);
    expect(mergeBarColumns(undefined, fresh)).toBe(fresh);
  });

  it('appends a newer day in place, leaves an earlier view as it was, and drops old days', () => {
    let h = holdColumns(
      cols([
        ['2024-01-02', 10],
        ['2024-01-03', 11],
      ]),
    );
    const before = viewColumns(h);
    h = addToHeld(h, cols([['2024-01-04', 12]]));
    expect(viewColumns(h).dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect([...viewColumns(h).close]).toEqual([10, 11, 12]);
    expect(before.dates).toEqual(['2024-01-02', '2024-01-03']);
    expect([...before.close]).toEqual([10, 11]);
    dropHeldBefore(h, '2024-01-03');
    expect([...viewColumns(h).volume]).toEqual([1100, 1200]);
    // an older date is merged, not appended
    h = addToHeld(h, cols([['2024-01-03', 50]]));
    expect([...viewColumns(h).close]).toEqual([50, 12]);
    // past the spare room the columns are regrown with the live bars only
    for (let i = 0; i < SPARE_BARS + 5; i++) h = addToHeld(h, cols([[`2024-03-${String(i + 1).padStart(2, '0')}`, i]]));
    expect(viewColumns(h).dates).toHaveLength(SPARE_BARS + 7);
    expect(viewColumns(h).close.at(-1)).toBe(SPARE_BARS + 4);
    expect(h.start).toBe(0);
  });
});
