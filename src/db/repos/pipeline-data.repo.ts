import type { BarColumnSeries } from '../../domain/bars';
import type { TradesDay } from '../../domain/lit-trades';
import type { OtcWeekRow, ShortVolumeRow, SiReport } from '../../domain/short-data';
import { createTypedSlab, type TypedSlab } from '../../shared/typed-slab';
import type { Db } from '../client';
import { symbols } from '../schema';
import { createBorrowRepo, type BorrowRepo } from './borrow.repo';
import { createFailsRepo } from './fails.repo';
import { createOptionsRepo } from './options.repo';
import { createThresholdRepo } from './threshold.repo';

// What the discovery pipeline reads, in the shapes it computes on: columnar arrays per symbol,
// read in one pass (`raw` rows, no objects per row) because a run reads the whole market's bars.

export interface UniverseRow {
  symbol: string;
  exchange: string | null;
  isEtf: boolean;
  isTestIssue: boolean;
  isActive: boolean;
  marketCap: number | null;
  floatShares: number | null;
}

/** One raw CNMS short-volume row: symbol, date, short volume, short-exempt volume, total volume. */
export type ShortVolumeTuple = readonly [string, string, number, number | null, number];

export function createPipelineDataRepo(db: Db) {
  const sqlite = db.$client;
  const barsBetween = sqlite
    .prepare(
      'SELECT symbol, date, open, high, low, close, volume FROM daily_bars WHERE date BETWEEN ? AND ? ORDER BY date',
    )
    .raw(true);
  const symbolBars = sqlite
    .prepare(
      'SELECT date, open, high, low, close, volume FROM daily_bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date',
    )
    .raw(true);
  const newestBar = sqlite.prepare('SELECT max(date) FROM daily_bars').pluck();
  const barDates = sqlite.prepare('SELECT DISTINCT date FROM daily_bars WHERE date BETWEEN ? AND ?').pluck(true);
  const shortVolume = sqlite.prepare(
    `SELECT date, short_volume AS "shortVolume", short_exempt_volume AS "shortExemptVolume", total_volume AS "totalVolume"
     FROM short_volume WHERE symbol = ? AND facility = 'CNMS' AND date BETWEEN ? AND ? ORDER BY date`,
  );
  // one symbol's window as raw tuples (short-volume-store.ts fills itself a symbol at a time): no row objects
  const shortVolumeTuples = sqlite
    .prepare(
      `SELECT symbol, date, short_volume, short_exempt_volume, total_volume
       FROM short_volume WHERE symbol = ? AND facility = 'CNMS' AND date BETWEEN ? AND ? ORDER BY date`,
    )
    .raw(true);
  // the whole window at once (short-volume-store.ts): raw rows, no object per row; no date index, so one scan
  const shortVolumeBetween = sqlite
    .prepare(
      `SELECT symbol, date, short_volume, short_exempt_volume, total_volume
       FROM short_volume WHERE facility = 'CNMS' AND date BETWEEN ? AND ?`,
    )
    .raw(true);
  const siReports = sqlite.prepare(
    `SELECT s.settlement_date AS "settlementDate", s.published_on AS "publishedOn", s.short_interest AS "shortInterest",
            s.previous_short_interest AS "previousShortInterest",
            s.avg_daily_volume AS "avgDailyVolume", q.overall AS quality
     FROM short_interest s LEFT JOIN short_interest_quality q ON q.symbol = s.symbol AND q.settlement_date = s.settlement_date
     WHERE s.symbol = ? AND s.source = 'finra' AND s.published_on <= ? ORDER BY s.settlement_date DESC LIMIT ?`,
  );
  const otcWeeks = sqlite.prepare(
    `SELECT week_start AS "weekStart", tier, summary_type AS "summaryType", shares, published_on AS "publishedOn"
     FROM otc_weekly WHERE symbol = ? AND week_start BETWEEN ? AND ? AND published_on <= ? ORDER BY week_start`,
  );
  const trades = sqlite.prepare(
    `SELECT date, buy_volume AS "buyVolume", sell_volume AS "sellVolume", method FROM trades_daily
     WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date`,
  );
  // through drizzle, so the boolean flags come back as booleans
  const universe = db
    .select({
      symbol: symbols.symbol,
      exchange: symbols.exchange,
      isEtf: symbols.isEtf,
      isTestIssue: symbols.isTestIssue,
      isActive: symbols.isActive,
      marketCap: symbols.marketCap,
      floatShares: symbols.floatShares,
    })
    .from(symbols)
    .prepare();

  // the supply datasets' point-in-time reads (issue 12), through their own repos
  const threshold = createThresholdRepo(db);
  const options = createOptionsRepo(db);
  const borrow = createBorrowRepo(db);
  const fails = createFailsRepo(db);

  const repo = {
    /** Threshold-list dates held from `from` to `lastListDate` and the symbol's rows, published by asOf. */
    thresholdHistory: (symbol: string, from: string, lastListDate: string, asOf: string) =>
      threshold.history(symbol, from, lastListDate, asOf),
    /** The threshold-list dates of thresholdHistory alone: the market's, the same for every symbol. */
    thresholdDates: (from: string, lastListDate: string, asOf: string) => threshold.heldDates(from, lastListDate, asOf),
    /** The symbol's rows of thresholdHistory alone. */
    thresholdRows: (symbol: string, from: string, lastListDate: string, asOf: string) =>
      threshold.rows(symbol, from, lastListDate, asOf),
    /** A symbol's options snapshots published by asOf, newest first. */
    optionsSnapshots: options.newest,
    /** A symbol's borrow snapshots published from `from` to asOf (oldest first), with the one in force before. */
    borrowSnapshots: (symbol: string, from: string, asOf: string) => borrow.window(symbol, from, asOf),
    /** A symbol's borrow changes published by asOf, oldest first, for borrowWindowOf (a replay reads them once). */
    borrowPublishedBy: (symbol: string, asOf: string) => borrow.allPublishedBy(symbol, asOf),
    /** borrowSnapshots' answer cut from a symbol's rows read once (borrow.repo.ts windowOf). */
    borrowWindowOf: (...args: Parameters<BorrowRepo['windowOf']>) => borrow.windowOf(...args),
    /** The newest borrow snapshot taken by asOf (the market's: the same for every symbol). */
    borrowNewestSnapshot: (asOf: string) => borrow.newestSnapshot(asOf),
    /** A symbol's fails-to-deliver rows, settlement days in [from, to], published by asOf, oldest first. */
    failsRows: fails.rows,
    /** Every symbol's bars between two dates, oldest first, as columns. */
    /** `spare`: room left in every column for that many more bars (a held market appends days in place). */
    barsBetween(from: string, to: string, spare = 0): Map<string, BarColumnSeries> {
      // A symbol has at most one bar per date (the key), so the window's distinct dates (read off the
      // date index alone) size every column once: no growing arrays, no copy into typed arrays after,
      // about half the memory of number[] columns. A date committed between the two reads grows a column.
      const dates = barDates.all(from, to) as string[];
      const capacity = Math.max(1, dates.length + spare);
      // the columns out of a few big buffers (they live and die together: typed-slab.ts), the date
      // indices, dropped at the end of the read, out of buffers of their own
      const slab = createTypedSlab();
      const scratch = createTypedSlab();
      const out = new Map<string, Building>();
      // rows come ordered by date, as `dates` is: a date is held as its index there, and each symbol's
      // date strings are made once at the end (shared strings, one per distinct date)
      let d = -1;
      let lastDate = '';
      for (const row of barsBetween.iterate(from, to) as Iterable<
        [string, string, number | null, number | null, number | null, number, number]
      >) {
        let s = out.get(row[0]);
        if (!s) out.set(row[0], (s = building(capacity, slab, scratch)));
        if (row[1] !== lastDate) {
          lastDate = row[1];
          d = dates[d + 1] === lastDate ? d + 1 : dates.indexOf(lastDate);
          if (d < 0) d = dates.push(lastDate) - 1;
        }
        const i = s.n++;
        if (i === s.close.length) grow(s, 2 * i, slab, scratch);
        s.day[i] = d;
        s.open[i] = row[2] ?? NaN;
        s.high[i] = row[3] ?? NaN;
        s.low[i] = row[4] ?? NaN;
        s.close[i] = row[5];
        s.volume[i] = row[6];
      }
      const series = new Map<string, BarColumnSeries>();
      for (const [symbol, s] of out) {
        const n = s.n;
        // `spare` is a promise the caller builds on (bar-columns.ts holdColumns): kept even past a grow
        if (n + spare > s.close.length) grow(s, n + spare, slab, scratch);
        const symbolDates = new Array<string>(n);
        for (let i = 0; i < n; i++) symbolDates[i] = dates[s.day[i]!]!;
        series.set(symbol, {
          dates: symbolDates,
          open: s.open.subarray(0, n),
          high: s.high.subarray(0, n),
          low: s.low.subarray(0, n),
          close: s.close.subarray(0, n),
          volume: s.volume.subarray(0, n),
        });
      }
      return series;
    },
    /** The newest bar date held (null: none), off the date index. */
    newestBarDate: (): string | null => (newestBar.get() as string | null | undefined) ?? null,
    /** The same columns for a few names (a history fetched for them), each read by its key. */
    barsOfSymbols(names: readonly string[], from: string, to: string): Map<string, BarColumnSeries> {
      const series = new Map<string, BarColumnSeries>();
      for (const symbol of names) {
        const rows = symbolBars.all(symbol, from, to) as [
          string,
          number | null,
          number | null,
          number | null,
          number,
          number,
        ][];
        if (rows.length === 0) continue;
        const column = (k: number) => Float64Array.from(rows, (r) => (r[k] as number | null) ?? NaN);
        series.set(symbol, {
          dates: rows.map((r) => r[0]),
          open: column(1),
          high: column(2),
          low: column(3),
          close: column(4),
          volume: column(5),
        });
      }
      return series;
    },
    shortVolume(symbol: string, from: string, to: string): ShortVolumeRow[] {
      return shortVolume.all(symbol, from, to) as ShortVolumeRow[];
    },
    /** shortVolume's rows as raw tuples, oldest first. */
    shortVolumeOf(symbol: string, from: string, to: string): IterableIterator<ShortVolumeTuple> {
      return shortVolumeTuples.iterate(symbol, from, to) as IterableIterator<ShortVolumeTuple>;
    },
    /** Every symbol's CNMS short-volume rows dated in [from, to], as raw tuples in no particular order. */
    shortVolumeBetween(from: string, to: string): IterableIterator<ShortVolumeTuple> {
      return shortVolumeBetween.iterate(from, to) as IterableIterator<ShortVolumeTuple>;
    },
    /** FINRA reports visible on `asOf` (published by then), newest first. */
    shortInterestReports(symbol: string, asOf: string, limit = 6): SiReport[] {
      return siReports.all(symbol, asOf, limit) as SiReport[];
    },
    otcWeeks(symbol: string, from: string, to: string, asOf: string): OtcWeekRow[] {
      return otcWeeks.all(symbol, from, to, asOf) as OtcWeekRow[];
    },
    trades(symbol: string, from: string, to: string): TradesDay[] {
      return trades.all(symbol, from, to) as TradesDay[];
    },
    universe(): UniverseRow[] {
      return universe.all();
    },
  };
  return repo;
}

export type PipelineDataRepo = ReturnType<typeof createPipelineDataRepo>;

interface Building extends Omit<BarColumnSeries, 'dates'> {
  n: number;
  /** index of each bar's date in the window's date list */
  day: Int32Array;
}

const building = (n: number, slab: TypedSlab, scratch: TypedSlab): Building => ({
  n: 0,
  day: scratch.i32(n),
  open: slab.f64(n),
  high: slab.f64(n),
  low: slab.f64(n),
  close: slab.f64(n),
  volume: slab.f64(n),
});

function grow(s: Building, length: number, slab: TypedSlab, scratch: TypedSlab): void {
  const more = (a: Float64Array): Float64Array => {
    const b = slab.f64(length);
    b.set(a);
    return b;
  };
  const day = scratch.i32(length);
  day.set(s.day);
  s.day = day;
  s.open = more(s.open);
  s.high = more(s.high);
  s.low = more(s.low);
  s.close = more(s.close);
  s.volume = more(s.volume);
}
