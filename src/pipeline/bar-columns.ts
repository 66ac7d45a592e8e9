import type { BarColumns } from './bar-store';
import type { TypedSlab } from '../shared/typed-slab';

// One symbol's bar columns as the in-memory market (market-cache.ts) keeps them: bars written after the
// columns were loaded are appended in place or merged in by date, and dates that slid out of every run's
// window are dropped. A view handed to a running scan never changes under it.

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

/**
 * One symbol's bars as the held market keeps them: columns with room at the end, so the day the jobs
 * append is written in place (no 10,000 × 6 new arrays a day), and a start index that moves as old days
 * slide out of the window. `view` hands a run its bars; later appends never show in a view already given.
 */
export interface HeldColumns {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  start: number;
  n: number;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
/** Room made for this many more bars whenever a column is (re)allocated: two weeks of days, after which a regrow copies the live bars (a memcpy per column). Every spare slot costs 10,000 names × 5 columns × 8 bytes. */
export const SPARE_BARS = 10;

/**
 * Held columns over `c`. With `room`, the caller vouches that many more elements follow each typed
 * array in its buffer, owned by nobody else (barsBetween's `spare`): the columns are taken as they are.
 * Else (or with no room) they are copied into new columns from `slab` (the held market's: regrow).
 */
export function holdColumns(c: BarColumns, room = 0, slab?: TypedSlab): HeldColumns {
  const n = c.dates.length;
  const whole = (a: Float64Array) => new Float64Array(a.buffer, a.byteOffset, n + room);
  const held: HeldColumns = {
    dates: [...c.dates],
    open: whole(c.open),
    high: whole(c.high),
    low: whole(c.low),
    close: whole(c.close),
    volume: whole(c.volume),
    start: 0,
    n,
  };
  return room > 0 ? held : regrow(held, 0, slab);
}

/**
 * The held bars as a run reads them: typed views (no copy) and its own list of dates. With `shared`
 * (one map per store), names holding the very same dates are handed one list between them — most of
 * the market trades every session, so 10,000 lists of ~130 dates become a handful.
 */
export function viewColumns(h: HeldColumns, shared?: Map<string, readonly string[]>): BarColumns {
  return {
    dates: datesOf(h, shared),
    open: h.open.subarray(h.start, h.n),
    high: h.high.subarray(h.start, h.n),
    low: h.low.subarray(h.start, h.n),
    close: h.close.subarray(h.start, h.n),
    volume: h.volume.subarray(h.start, h.n),
  };
}

function datesOf(h: HeldColumns, shared: Map<string, readonly string[]> | undefined): readonly string[] {
  const n = h.n - h.start;
  if (!shared || n === 0) return h.dates.slice(h.start, h.n);
  const key = `${h.dates[h.start]} ${h.dates[h.n - 1]} ${n}`;
  const known = shared.get(key);
  if (known) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = known[i] === h.dates[h.start + i];
    if (same) return known;
  }
  const dates = h.dates.slice(h.start, h.n);
  // the first list seen under a key stays: a name with holes between the same ends keeps its own
  if (!known) shared.set(key, dates);
  return dates;
}

/** `fresh` taken in: appended in place when every fresh date is newer than the last held, else merged by date. */
export function addToHeld(h: HeldColumns | undefined, fresh: BarColumns, slab?: TypedSlab): HeldColumns {
  if (!h) return holdColumns(fresh, 0, slab);
  const k = fresh.dates.length;
  if (k === 0) return h;
  if (h.n > h.start && fresh.dates[0]! <= h.dates[h.n - 1]!)
    return holdColumns(mergeBarColumns(viewColumns(h), fresh), 0, slab);
  let out = h;
  if (!hasRoom(h, fresh)) out = regrow(h, k, slab);
  for (const f of FIELDS) out[f].set(fresh[f], out.n);
  // the dates list is the held market's own: a view copies its part (viewColumns), so pushing is safe
  for (let i = 0; i < k; i++) out.dates[out.n + i] = fresh.dates[i]!;
  out.n += k;
  return out;
}

/** Moves the start past the dates before `date`; the space is given back at the next regrow. */
export function dropHeldBefore(h: HeldColumns, date: string): void {
  while (h.start < h.n && h.dates[h.start]! < date) h.start++;
}

/** Whether `fresh` is appended to `h` in place (newer than every held bar, and room for it). */
export function hasRoom(h: HeldColumns, fresh: BarColumns): boolean {
  return h.n + fresh.dates.length <= h.close.length;
}

/**
 * The live bars copied into new columns with room for `more` + SPARE_BARS (old views keep the old
 * arrays), from `slab` when given (the held market compacts every name at once into a new one).
 */
export function regrow(h: HeldColumns, more = 0, slab?: TypedSlab): HeldColumns {
  const live = h.n - h.start;
  const capacity = live + more + SPARE_BARS;
  const copy = (a: Float64Array) => {
    const b = slab ? slab.f64(capacity) : new Float64Array(capacity);
    b.set(a.subarray(h.start, h.n));
    return b;
  };
  return {
    dates: h.dates.slice(h.start, h.n),
    open: copy(h.open),
    high: copy(h.high),
    low: copy(h.low),
    close: copy(h.close),
    volume: copy(h.volume),
    start: 0,
    n: live,
  };
}
