import type { PipelineDataRepo } from '../db/repos/pipeline-data.repo';
import type { OtcWeekRow, SiReport } from '../domain/short-data';
import type { OptionsSnapshot } from '../domain/short-supply';

// A replay's per-symbol reads that carry a publication date: each symbol's rows are read once for the
// whole replay (everything published up to its last day) and every day's point-in-time answer is cut
// from them in memory, with the filter and order the per-day SQL applies (pipeline-data.repo.ts,
// options.repo.ts). Only the deep scan's short list reaches these, so a replay holds a few thousand
// symbols' rows, not the market's.

export interface ReplayReads {
  /** FINRA reports published by asOf, newest first, at most `limit` */
  shortInterest(symbol: string, asOf: string, limit?: number): SiReport[];
  /** OTC weekly rows with week_start in [from, to], published by asOf, by week_start */
  otcWeeks(symbol: string, from: string, to: string, asOf: string): OtcWeekRow[];
  /** options snapshots published by asOf, newest first, at most n */
  options(symbol: string, asOf: string, n: number): OptionsSnapshot[];
}

/** Older than any row held and newer than any: the whole of a symbol's rows through the same SQL. */
const EARLIEST = '0000-01-01';
const ALL_ROWS = 1_000_000;

export function createReplayReads(
  data: Pick<PipelineDataRepo, 'shortInterestReports' | 'otcWeeks' | 'optionsSnapshots'>,
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
  };
}
