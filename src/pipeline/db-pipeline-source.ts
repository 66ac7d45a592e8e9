import type { PipelineDataRepo } from '../db/repos/pipeline-data.repo';
import type { DatasetStatusRepo } from '../db/repos/dataset-status.repo';
import { asOfDate } from '../market/as-of';
import { addCalendarDays } from '../market/iso-date';
import { addTradingDays, lastTradingDayOnOrBefore, previousTradingDay } from '../market/trading-calendar';
import type { OhlcvBar } from '../domain/bars';
import type { TransientMetrics } from '../signals/metric-types';
import type { BarStore } from './bar-store';
import type { PipelineSource } from './pipeline-source';
import { createOffExchangeStore, type OffExchangeStore } from './off-exchange-store';
import type { ReplayReads } from './replay-reads';
import type { ShortVolumeStore } from './short-volume-store';
import type { VolumeScreen } from './volume-screen';

// The pipeline's view of the store as of one day: bars from a BarStore (loaded once, for one run
// or a whole backtest), everything else read per symbol from SQLite with the as-of date in the
// query. Only the deep scan's short list reaches those per-symbol reads. A backtest hands in short
// volume held for its whole window (short-volume-store.ts) and its once-per-symbol reads
// (replay-reads.ts), so its days cut their point-in-time answers from memory instead of re-reading.

/** Bars handed to the metrics: enough for Wilder smoothing to forget its seed (see volume-metrics.ts). */
export const HISTORY_BARS = 120;
/** How far back (calendar days) bars are loaded for a run on one day. */
export const BAR_LOOKBACK_CALENDAR_DAYS = 190;
/** A symbol belongs to a day's market when it has a bar within this many calendar days. */
const ACTIVE_WITHIN_DAYS = 14;

export function createDbPipelineSource(options: {
  asOf: string;
  data: PipelineDataRepo;
  bars: BarStore;
  /** shared across the days of a backtest, so each symbol's indicators are computed once */
  screen: VolumeScreen;
  transient?: (symbol: string) => Promise<TransientMetrics>;
  /** the newest bar and short-volume days known on asOf (knownNewest), for the health score */
  newest: { bars: string | null; shortvol: string | null };
  /** off-exchange volume, when shared across days (a backtest); else read for this day's window */
  offExchange?: OffExchangeStore;
  /** the listed universe, when already read (a backtest reads it once for every day) */
  universe?: ReturnType<PipelineDataRepo['universe']>;
  /**
   * CNMS short volume held in memory for a window covering this day's reads (a backtest, a market
   * cache); it serves the off-exchange volume too, unless `offExchange` is given
   */
  shortVolume?: ShortVolumeStore;
  /** short interest, OTC weeks and options read once per symbol for a whole replay */
  replay?: ReplayReads;
}): PipelineSource {
  const { asOf, data, bars, shortVolume: sv, replay } = options;
  const offFrom = addCalendarDays(asOf, -BAR_LOOKBACK_CALENDAR_DAYS);
  const offExchange: OffExchangeStore =
    options.offExchange ??
    (sv
      ? { upTo: (symbol, until) => sv.totalVolume(symbol, offFrom, until) }
      : createOffExchangeStore(data, { from: offFrom, to: asOf }));
  let universe: ReturnType<PipelineDataRepo['universe']> | null = options.universe ?? null;
  // a day's window of a symbol is asked for by the volume check and twice more by the deep scan: made once
  const windows = new Map<string, readonly OhlcvBar[]>();
  // the threshold list dates held are the market's, the same for every symbol asked on this day
  const thresholdDates = new Map<string, string[]>();
  return {
    asOf,
    universe: () => (universe ??= data.universe()),
    barSymbols: () => bars.symbolsWithBarsBetween(addCalendarDays(asOf, -ACTIVE_WITHIN_DAYS), asOf),
    bars: (symbol) => {
      let w = windows.get(symbol);
      if (!w) windows.set(symbol, (w = bars.window(symbol, asOf, HISTORY_BARS)));
      return w;
    },
    barColumns: (symbol) => {
      const columns = bars.columns(symbol);
      if (!columns) return null;
      const end = bars.visible(symbol, asOf);
      return { columns, from: Math.max(0, end - HISTORY_BARS), end };
    },
    lastBar: (symbol) => bars.last(symbol, asOf),
    screen: (symbol) => options.screen.at(symbol, asOf),
    offExchangeVolume: (symbol) => offExchange.upTo(symbol, asOf),
    shortVolume: (symbol, days) => {
      const from = addTradingDays(asOf, -days);
      return sv ? sv.rows(symbol, from, asOf) : data.shortVolume(symbol, from, asOf);
    },
    shortInterest: (symbol) => (replay ? replay.shortInterest(symbol, asOf) : data.shortInterestReports(symbol, asOf)),
    otcWeeks: (symbol, weeks) => {
      const from = addCalendarDays(asOf, -7 * weeks);
      return replay ? replay.otcWeeks(symbol, from, asOf, asOf) : data.otcWeeks(symbol, from, asOf, asOf);
    },
    trades: (symbol, days) => {
      const from = addTradingDays(asOf, -days);
      return replay ? replay.trades(symbol, from, asOf) : data.trades(symbol, from, asOf);
    },
    // borrow changes: the window's snapshots and the one in force when it opens (borrow.repo.ts)
    borrow: (symbol, days) => {
      const from = addTradingDays(asOf, -days);
      return replay ? replay.borrow(symbol, from, asOf) : data.borrowSnapshots(symbol, from, asOf);
    },
    // settlement days of the last `days` sessions up to asOf; a file is published 2-3 weeks after its
    // half month, so the newest rows held lag asOf by that much (published_on <= asOf in the query)
    fails: (symbol, days) => {
      const from = addTradingDays(lastTradingDayOnOrBefore(asOf), -(days - 1));
      return replay ? replay.fails(symbol, from, asOf, asOf) : data.failsRows(symbol, from, asOf, asOf);
    },
    // a list of D is published on the next trading day (threshold-file.ts): as of D the newest is D-1's
    threshold: (symbol, days) => {
      const last = previousTradingDay(lastTradingDayOnOrBefore(asOf));
      const from = addTradingDays(last, -(days - 1));
      const key = `${from} ${last}`;
      let dates = thresholdDates.get(key);
      if (!dates) thresholdDates.set(key, (dates = data.thresholdDates(from, last, asOf)));
      const rows = replay
        ? replay.thresholdRows(symbol, from, last, asOf)
        : data.thresholdRows(symbol, from, last, asOf);
      return { dates, rows };
    },
    options: (symbol, n) => (replay ? replay.options(symbol, asOf, n) : data.optionsSnapshots(symbol, asOf, n)),
    transient: options.transient,
    newest: () => options.newest,
  };
}

/**
 * The newest bar and short-volume days a run as of `asOf` could have read: the store's, as of that day
 * (a backtest's bar store reaches past asOf for outcomes; later imports are not known then).
 */
export function knownNewest(
  status: Pick<DatasetStatusRepo, 'newestDate'>,
  asOf: string,
): { bars: string | null; shortvol: string | null } {
  const day = asOfDate(asOf);
  return { bars: status.newestDate('bars', day), shortvol: status.newestDate('shortvol', day) };
}
