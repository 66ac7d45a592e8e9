import type { PipelineDataRepo } from '../db/repos/pipeline-data.repo';
import type { OtcWeekRow, SiReport } from '../domain/short-data';
import type { BorrowSnapshot, FailsRow, OptionsSnapshot, ThresholdRow } from '../domain/short-supply';
import type { TradesDay } from '../domain/lit-trades';

// A replay's per-symbol reads that carry a publication date (and lit trades, cut by date alone): each
// symbol's rows are read once for the whole replay (everything published up to its last day) and every
// day's point-in-time answer is cut from them in memory, with the filter and order the per-day SQL
// applies (pipeline-data.repo.ts, options.repo.ts, borrow.repo.ts, fails.repo.ts, threshold.repo.ts).
// Only the deep scan's short list reaches these, so a replay holds a few thousand symbols' rows, not
// the market's.

export interface ReplayReads {
  /** FINRA reports published by asOf, newest first, at most `limit` */
  shortInterest(symbol: string, asOf: string, limit?: number): SiReport[];
  /** OTC weekly rows with week_start in [from, to], published by asOf, by week_start */
  otcWeeks(symbol: string, from: string, to: string, asOf: string): OtcWeekRow[];
  /** options snapshots published by asOf, newest first, at most n */
  options(symbol: string, asOf: string, n: number): OptionsSnapshot[];
  /** lit trade days dated in [from, to], by date */
  trades(symbol: string, from: string, to: string): TradesDay[];
  /** borrow snapshots published from `from` to asOf with the one in force before, carried to asOf's newest snapshot */
  borrow(symbol: string, from: string, asOf: string): BorrowSnapshot[];
  /** fails rows settled in [from, to], published by asOf, by settlement day and CUSIP */
  fails(symbol: string, from: string, to: string, asOf: string): FailsRow[];
  /** threshold-list rows dated in [from, to], published by asOf, newest date first, by market */
  thresholdRows(symbol: string, from: string, to: string, asOf: string): ThresholdRow[];
}

/** Older than any row held and newer than any: the whole of a symbol's rows through the same SQL. */
const EARLIEST = '0000-01-01';
const LATEST = '9999-12-31';
const ALL_ROWS = 1_000_000;

export function createReplayReads(
  data: Pick<
    PipelineDataRepo,
    | 'shortInterestReports'
    | 'otcWeeks'
    | 'optionsSnapshots'
    | 'trades'
    | 'failsRows'
    | 'thresholdRows'
    | 'borrowPublishedBy'
    | 'borrowWindowOf'
    | 'borrowNewestSnapshot'
  >,
  /** the replay's last day: nothing published after it is read */
  to: string,
): ReplayReads {
  const memo = <T>(read: (symbol: string) => T[]) => {
    const cache = new Map<string, T[]>();
    return (symbol: string): T[] => {
      let rows = cache.get(symbol);
      if (!rows) cache.set(symbol, (rows = read(symbol)));
      return rows;
    };
  };
  const si = memo((s) => data.shortInterestReports(s, to, ALL_ROWS));
  const otc = memo((s) => data.otcWeeks(s, EARLIEST, to, to));
  const options = memo((s) => data.optionsSnapshots(s, to, ALL_ROWS));
  // trades carry no publication day: the per-day read cuts by date alone, up to its day
  const trades = memo((s) => data.trades(s, EARLIEST, to));
  const borrow = memo((s) => data.borrowPublishedBy(s, to));
  const fails = memo((s) => data.failsRows(s, EARLIEST, LATEST, to));
  const threshold = memo((s) => data.thresholdRows(s, EARLIEST, LATEST, to));
  /** the newest borrow snapshot by each day asked: the market's, one read a day */
  const markers = new Map<string, ReturnType<typeof data.borrowNewestSnapshot>>();
  const marker = (asOf: string) => {
    if (!markers.has(asOf)) markers.set(asOf, data.borrowNewestSnapshot(asOf));
    return markers.get(asOf)!;
  };
  const newestFirst = <T extends { publishedOn: string }>(rows: T[], asOf: string, n: number): T[] => {
    const out: T[] = [];
    for (const r of rows) {
      if (out.length >= n) break;
      if (r.publishedOn <= asOf) out.push(r);
    }
    return out;
  };
  return {
    shortInterest: (symbol, asOf, limit = 6) => newestFirst(si(symbol), asOf, limit),
    otcWeeks: (symbol, from, until, asOf) =>
      otc(symbol).filter((r) => r.weekStart >= from && r.weekStart <= until && r.publishedOn <= asOf),
    options: (symbol, asOf, n) => newestFirst(options(symbol), asOf, n),
    trades: (symbol, from, until) => trades(symbol).filter((r) => r.date >= from && r.date <= until),
    borrow: (symbol, from, asOf) => data.borrowWindowOf(borrow(symbol), from, asOf, marker(asOf)),
    fails: (symbol, from, until, asOf) =>
      fails(symbol).filter((r) => r.settlementDate >= from && r.settlementDate <= until && r.publishedOn <= asOf),
    thresholdRows: (symbol, from, until, asOf) =>
      threshold(symbol).filter((r) => r.date >= from && r.date <= until && r.publishedOn <= asOf),
  };
}
