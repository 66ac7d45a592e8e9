// What every panel of the ticker chart reads: the chart's data and the shared axis. Apart from the
// model (ticker-chart.model.ts) so the panels it assembles need not import it back.

import type { TradesDay } from '../../domain/lit-trades';
import type { BorrowSnapshot, FailsRow } from '../../domain/short-supply';
import type { OtcWeekRow, ShortVolumeRow } from '../../domain/short-data';
import type { OhlcvBar } from '../../domain/bars';
import type { ChartRange } from './chart-model';

export interface TickerChartData {
  symbol: string;
  name: string | null;
  asOf: string;
  range: ChartRange;
  /** bars from warm-up start to asOf, oldest first */
  bars: OhlcvBar[];
  /** consolidated (CNMS) rows from warm-up start to asOf, oldest first */
  shortVolume: ShortVolumeRow[];
  /** FINRA reports published by asOf (any order) */
  shortInterest: {
    settlementDate: string;
    publishedOn: string;
    shortInterest: number;
    avgDailyVolume?: number | null;
  }[];
  floatShares: number | null;
  /** every stored score in the range, live runs' and backtest replays' (origin absent: live) */
  scores: {
    asOf: string;
    score: number;
    fuel: number | null;
    trigger: number | null;
    origin?: 'live' | 'backtest';
  }[];
  /** squeeze alerts in the range */
  alerts: { asOf: string; severity: string; score: number | null }[];
  /** OTC symbol-total rows (weeks from warm-up start) and lit trades, as the off-exchange metrics read them */
  otcWeeks: OtcWeekRow[];
  trades: TradesDay[];
  /** IBKR borrow snapshots (issue 12); absent or empty rows leave the borrow panel out */
  borrow?: BorrowChartData;
  /** SEC fails-to-deliver rows published by asOf, settlement days from warm-up start (issue 12); absent or
   * empty leaves the fails panel out */
  fails?: FailsRow[];
  /** squeeze_score of each alert level (config alerting.thresholds) */
  thresholds: { high: number; medium: number; low: number };
}

export interface BorrowChartData {
  /** the symbol's stored changes published in the range, with the one in force before it, oldest first */
  rows: BorrowSnapshot[];
  /** market dates a snapshot of the file was taken on (any symbol), ascending */
  snapshotDays: string[];
}

/** What every panel builder gets: the axis, and lookups shared between panels. */
export interface AxisContext {
  data: TickerChartData;
  dates: string[];
  indexOf: Map<string, number>;
  /** the bar on each axis date, or null */
  barAt: (OhlcvBar | null)[];
  /** 20-session average volume by bar date (bars from warm-up on) */
  adv20ByDate: Map<string, number>;
}

/** An array of nulls, one per axis date. */
export function gaps(ctx: AxisContext): (number | null)[] {
  return ctx.dates.map(() => null);
}

/** "N of M sessions": how much of the axis a series covers, for notes. */
export function coverageNote(what: string, present: number, total: number): string | null {
  if (present === total || present === 0) return null;
  return `${what} on ${present} of ${total} sessions; gaps are days without data.`;
}
