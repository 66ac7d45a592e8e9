import { describe, expect, it } from 'vitest';
import { dropBarsBefore, mergeBarColumns } from '../../src/pipeline/bar-columns';
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

  it('drops the dates before a day into new arrays', () => {
    const c = cols([
      ['2024-01-02', 10],
      ['2024-01-03', 11],
      ['2024-01-04', 12],
    ]);
    const d = dropBarsBefore(c, '2024-01-03');
    expect(d.dates).toEqual(['2024-01-03', '2024-01-04']);
    expect([...d.close]).toEqual([11, 12]);
    expect(d.close.buffer).not.toBe(c.close.buffer);
    expect(dropBarsBefore(c, '2024-01-01')).toBe(c);
    expect(dropBarsBefore(c, '2025-01-01').dates).toEqual([]);
  });
});
