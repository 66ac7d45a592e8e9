import type { PipelineDataRepo, ShortVolumeTuple } from '../db/repos/pipeline-data.repo';
import type { ShortVolumeRow } from '../domain/short-data';
import type { VolumeDay } from '../signals/volume-metrics';
import { addCalendarDays } from '../market/iso-date';

// FINRA's CNMS short-volume rows for a whole window of the market, held in memory per symbol as columns
// (typed arrays; a date is held as its yyyymmdd number and handed back as one shared string), so a
// backtest reads the table once instead of each deep-scanned symbol's rows each day. 10,000 symbols ×
// 300 days as row objects would cost ~250 MB; as columns ~85 MB. `rows` answers exactly what
// pipeline-data.repo.ts shortVolume reads (date BETWEEN from AND to, oldest first), so it is point in
// time the same way: a run as of D asks for rows up to D. Built from a bulk read and appendable (a
// long-running market cache adds each day's file); a (symbol, date) appended again replaces the row
// held, as the import's upsert does.

export interface ShortVolumeStore {
  /** the dates the rows held were read for, inclusive (null when empty) */
  range(): { from: string; to: string } | null;
  /** a symbol's rows dated in [from, to], oldest first; throws outside the range held */
  rows(symbol: string, from: string, to: string): ShortVolumeRow[];
  /** off-exchange volume (TotalVolume) dated in [from, to], oldest first (the volume proxy) */
  totalVolume(symbol: string, from: string, to: string): VolumeDay[];
  /** adds rows (any order) and widens the range to cover [from, to] */
  append(rows: Iterable<ShortVolumeTuple>, range: { from: string; to: string }): void;
}

interface Column {
  n: number;
  /** yyyymmdd, ascending once sorted */
  day: Int32Array;
  short: Float64Array;
  exempt: Float64Array;
  total: Float64Array;
}

/** How far past an ask a symbol's rows are read (a month of replay days per read). */
export const READ_AHEAD_CALENDAR_DAYS = 31;

export function createShortVolumeStore(
  rows: Iterable<ShortVolumeTuple> = [],
  range: { from: string; to: string } | null = null,
  /**
   * reads one symbol's rows for the dates asked (and a month past them, see span), when the store was not
   * built with every symbol's (lazyShortVolumeStore)
   */
  load?: (symbol: string, from: string, to: string) => Iterable<ShortVolumeTuple>,
): ShortVolumeStore {
  const columns = new Map<string, Column>();
  /** with `load`: the dates each symbol's rows were read for, inclusive */
  const loaded = new Map<string, { from: string; to: string }>();
  /** each date string once, by its number */
  const dateOf = new Map<number, string>();
  let held: { from: string; to: string } | null = null;

  const span = (symbol: string, from: string, to: string): [Column, number, number] | null => {
    if (!held || from < held.from || to > held.to)
      throw new Error(`short volume held for ${held ? `${held.from}..${held.to}` : 'no dates'}, asked ${from}..${to}`);
    if (load) {
      // a replay asks day after day, each day's window a day later than the one before: a symbol's rows
      // are read from its first ask to a month past it, then a month further whenever an ask passes
      // that, and only an ask reaching further back reads the days before. Most names are scanned on a
      // few days only: reading each to the end of the replay read three times the rows ever asked for.
      const got = loaded.get(symbol);
      const ahead = (day: string) => min(held!.to, addCalendarDays(day, READ_AHEAD_CALENDAR_DAYS));
      if (got === undefined) {
        const until = ahead(to);
        loaded.set(symbol, { from, to: until });
        store.append(load(symbol, from, until), held);
      } else {
        if (from < got.from) {
          store.append(before(load(symbol, from, got.from), got.from), held);
          got.from = from;
        }
        if (to > got.to) {
          const until = ahead(to);
          store.append(after(load(symbol, got.to, until), got.to), held);
          got.to = until;
        }
      }
    }
    const c = columns.get(symbol);
    if (!c) return null;
    const start = lowerBound(c.day, c.n, dayKey(from));
    const end = lowerBound(c.day, c.n, dayKey(to) + 1);
    return start < end ? [c, start, end] : null;
  };

  const store: ShortVolumeStore = {
    range: () => held,
    rows(symbol, from, to) {
      const s = span(symbol, from, to);
      if (!s) return [];
      const [c, start, end] = s;
      const out = new Array<ShortVolumeRow>(end - start);
      for (let i = start; i < end; i++) {
        const exempt = c.exempt[i]!;
        out[i - start] = {
          date: dateOf.get(c.day[i]!)!,
          shortVolume: c.short[i]!,
          shortExemptVolume: Number.isNaN(exempt) ? null : exempt,
          totalVolume: c.total[i]!,
        };
      }
      return out;
    },
    totalVolume(symbol, from, to) {
      const s = span(symbol, from, to);
      if (!s) return [];
      const [c, start, end] = s;
      const out = new Array<VolumeDay>(end - start);
      for (let i = start; i < end; i++) out[i - start] = { date: dateOf.get(c.day[i]!)!, volume: c.total[i]! };
      return out;
    },
    append(more, r) {
      const unsorted = new Set<Column>();
      const touched = new Set<Column>();
      let lastDate = '';
      let key = 0;
      for (const row of more) {
        const symbol = row[0];
        let c = columns.get(symbol);
        if (!c) columns.set(symbol, (c = column(64)));
        touched.add(c);
        if (row[1] !== lastDate) {
          lastDate = row[1];
          key = dayKey(lastDate);
          if (!dateOf.has(key)) dateOf.set(key, lastDate);
        }
        const prev = c.n > 0 ? c.day[c.n - 1]! : -1;
        let i: number;
        if (key === prev) i = c.n - 1;
        else {
          if (key < prev) unsorted.add(c);
          if (c.n === c.day.length) grow(c);
          i = c.n++;
        }
        c.day[i] = key;
        c.short[i] = row[2];
        c.exempt[i] = row[3] ?? NaN;
        c.total[i] = row[4];
      }
      for (const c of unsorted) sortColumn(c);
      for (const c of touched) trim(c);
      held = held ? { from: min(held.from, r.from), to: max(held.to, r.to) } : { ...r };
    },
  };
  if (range) store.append(rows, range);
  return store;
}

/** The store of every symbol's rows dated in [from, to], in one read. */
export function loadShortVolumeStore(
  data: Pick<PipelineDataRepo, 'shortVolumeBetween'>,
  range: { from: string; to: string },
): ShortVolumeStore {
  return createShortVolumeStore(data.shortVolumeBetween(range.from, range.to), range);
}

/**
 * The store of [from, to] filled one symbol at a time, on each symbol's first ask: a backtest asks for
 * the deep scan's few thousand names only, and one indexed read of each costs far less than the scan
 * of the whole table a bulk read is (short_volume has no date index: ~4 s for 10,000 × 300 rows).
 */
export function lazyShortVolumeStore(
  data: Pick<PipelineDataRepo, 'shortVolumeOf'>,
  range: { from: string; to: string },
): ShortVolumeStore {
  return createShortVolumeStore([], range, (symbol, from, to) => data.shortVolumeOf(symbol, from, to));
}

/** The rows dated after `date`. */
function* after(rows: Iterable<ShortVolumeTuple>, date: string): Iterable<ShortVolumeTuple> {
  for (const r of rows) if (r[1] > date) yield r;
}

/** The rows dated before `date`. */
function* before(rows: Iterable<ShortVolumeTuple>, date: string): Iterable<ShortVolumeTuple> {
  for (const r of rows) if (r[1] < date) yield r;
}

/** '2024-06-14' → 20240614 (ISO dates order as these numbers do). */
function dayKey(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/** Index of the first key ≥ `key` in day[0..n). */
function lowerBound(day: Int32Array, n: number, key: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (day[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const column = (n: number): Column => ({
  n: 0,
  day: new Int32Array(n),
  short: new Float64Array(n),
  exempt: new Float64Array(n),
  total: new Float64Array(n),
});

function grow(c: Column): void {
  resize(c, Math.ceil(c.day.length * 1.5) + 16);
}

/**
 * Capacity trimmed after an append to what is held plus room for a few weeks of daily appends: growth
 * leaves up to a third unused, ~30 MB over a whole market.
 */
function trim(c: Column): void {
  const room = (c.n >>> 4) + 8;
  if (c.day.length > c.n + 2 * room) resize(c, c.n + room);
}

function resize(c: Column, size: number): void {
  const more = <T extends Float64Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(size);
    b.set(a.subarray(0, Math.min(c.n, size)));
    return b;
  };
  c.day = more(c.day);
  c.short = more(c.short);
  c.exempt = more(c.exempt);
  c.total = more(c.total);
}

/** Orders a column by date after an out-of-order append; of two rows for one date the later appended wins. */
function sortColumn(c: Column): void {
  const order = Array.from({ length: c.n }, (_, i) => i).sort((a, b) => c.day[a]! - c.day[b]! || a - b);
  const keep: number[] = [];
  for (const i of order) {
    if (keep.length && c.day[keep[keep.length - 1]!] === c.day[i]) keep[keep.length - 1] = i;
    else keep.push(i);
  }
  const pick = <T extends Float64Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length);
    keep.forEach((i, k) => (b[k] = a[i]!));
    return b;
  };
  c.day = pick(c.day);
  c.short = pick(c.short);
  c.exempt = pick(c.exempt);
  c.total = pick(c.total);
  c.n = keep.length;
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);
