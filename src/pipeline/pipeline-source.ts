import type { UniverseRow } from '../db/repos/pipeline-data.repo';
import type { TradesDay } from '../domain/lit-trades';
import type { OtcWeekRow, ShortVolumeRow, SiReport } from '../domain/short-data';
import type { OhlcvBar } from '../domain/bars';
import type { BorrowSnapshot, FailsRow, OptionsSnapshot, ThresholdHistory } from '../domain/short-supply';
import type { TransientMetrics } from '../signals/metric-types';
import type { VolumeColumns, VolumeDay } from '../signals/volume-metrics';
import type { ScreenValues } from './volume-screen';

/**
 * What one pipeline run reads, as of one day. The live run serves it from SQLite
 * (db-pipeline-source.ts), the backtest the same with its bars loaded once for the whole replay. Every method
 * answers point in time: nothing published after `asOf`.
 */
export interface PipelineSource {
  asOf: string;
  /** the listed universe (empty when none was loaded: imported history only) */
  universe(): UniverseRow[];
  /** symbols with any bar in the lookback window */
  barSymbols(): string[];
  /** bars up to asOf, oldest first (the last HISTORY_BARS) */
  bars(symbol: string): readonly OhlcvBar[];
  /**
   * the bars of `bars(symbol)` as the columns they are cut from: columns[from, end) is that window. The
   * volume metrics read these without an object per bar where the source holds columns (optional).
   */
  barColumns?(symbol: string): { columns: VolumeColumns; from: number; end: number } | null;
  /** the newest bar on or before asOf, without copying a window (the price filter) */
  lastBar(symbol: string): { date: string; close: number; volume: number } | null;
  /** the volume detector's raw first-pass values for asOf (volume-screen.ts) */
  screen(symbol: string): ScreenValues | null;
  /**
   * FINRA's off-exchange volume (CNMS TotalVolume) up to asOf, oldest first: the volume detector's proxy
   * where the bars are too few
   */
  offExchangeVolume(symbol: string): readonly VolumeDay[];
  /** consolidated short volume up to asOf, oldest first, at least `days` trading days when held */
  shortVolume(symbol: string, days: number): ShortVolumeRow[];
  /** FINRA reports published by asOf, newest first */
  shortInterest(symbol: string): SiReport[];
  /**
   * OTC weekly rows (symbol totals and per-firm rows: the metric picks, never adds both) published by asOf
   * for the last `weeks` weeks
   */
  otcWeeks(symbol: string, weeks: number): OtcWeekRow[];
  /** lit trade aggregates up to asOf for the last `days` days */
  trades(symbol: string, days: number): TradesDay[];
  /** IBKR borrow snapshots published by asOf for the last `days` trading days, oldest first */
  borrow(symbol: string, days: number): BorrowSnapshot[];
  /** SEC fails-to-deliver rows published by asOf, settlement days within the last `days` trading days, oldest first */
  fails(symbol: string, days: number): FailsRow[];
  /** threshold-list dates held and the symbol's rows, list dates within the last `days` trading days up to asOf */
  threshold(symbol: string, days: number): ThresholdHistory;
  /** options chain summaries published by asOf, newest first, at most `n` */
  options(symbol: string, n: number): OptionsSnapshot[];
  /** live only: sentiment, options, borrow (Finnhub and the like); the backtest has none */
  transient?(symbol: string): Promise<TransientMetrics>;
  /** newest bar and short-volume dates held (for the health score) */
  newest(): { bars: string | null; shortvol: string | null };
}

export const NO_TRANSIENT: TransientMetrics = {
  sentiment24h: null,
  callPutRatio: null,
  optionsVolume: null,
  borrowFeePct: null,
};
