import type { BarColumns } from './bar-store';

// Edits of one symbol's bar columns for the in-memory market (market-cache.ts): bars written after the
// columns were loaded are merged in by date, and dates that slid out of every run's window are dropped.
// Pure: new arrays out, the inputs untouched (a store handed to a running scan keeps its columns).

/** `held` with `fresh` merged by date, oldest first; on a date both hold, the fresh bar wins. */
export function mergeBarColumns(held: BarColumns | undefined, fresh: BarColumns): BarColumns {
  if (!held || held.dates.length === 0) return fresh;
  if (fresh.dates.length === 0) return held;
  const a = held.dates;
  const b = fresh.dates;
  const dates: string[] = [];
  // where each merged bar comes from: k >= 0 is held[k], k < 0 is fresh[-k - 1]
  const from = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      from[dates.length] = i;
      dates.push(a[i++]!);
    } else {
      if (i < a.length && a[i] === b[j]) i++;
      from[dates.length] = -j - 1;
      dates.push(b[j++]!);
    }
  }
  const column = (key: Exclude<keyof BarColumns, 'dates'>) => {
    const h = held[key];
    const f = fresh[key];
    const out = new Float64Array(dates.length);
    for (let k = 0; k < dates.length; k++) {
      const at = from[k]!;
      out[k] = at >= 0 ? h[at]! : f[-at - 1]!;
    }
    return out;
  };
  return {
    dates,
    open: column('open'),
    high: column('high'),
    low: column('low'),
    close: column('close'),
    volume: column('volume'),
  };
}

/** The columns without the dates before `date` (the same object when none is). */
export function dropBarsBefore(c: BarColumns, date: string): BarColumns {
  let start = 0;
  while (start < c.dates.length && c.dates[start]! < date) start++;
  if (start === 0) return c;
  // copies, not subarrays: a subarray would keep the whole old buffer alive
  return {
    dates: c.dates.slice(start),
    open: c.open.slice(start),
    high: c.high.slice(start),
    low: c.low.slice(start),
    close: c.close.slice(start),
    volume: c.volume.slice(start),
  };
}
