import type { Repos } from '../db/repos';
import { addCalendarDays } from '../market/iso-date';
import { aggregateBasket, type BasketMetrics } from '../signals/basket';
import type { ShortVolumeMetrics } from '../signals/metric-types';
import { computeOffExchangeMetrics } from '../signals/off-exchange-metrics';
import { computeShortVolumeMetrics } from '../signals/short-volume-metrics';
import type { OhlcvBar } from '../domain/bars';
import {
  darkpoolWeeks,
  shortVolumeView,
  siHistory,
  type DarkpoolSummary,
  type DarkpoolWeek,
  type ShortVolumeView,
  type SiViewRow,
} from './short-views.model';

// Reads the store for the short-data views and hands the rows to the pure models. Windows are
// calendar days wide enough for what each view shows (60-session z-scores need ~100 days before the
// 15 shown; a 12-week OTC z-score needs ~20 weeks).

const volumeMap = (rows: readonly { date: string; volume: number }[]): Map<string, number> =>
  new Map(rows.map((r) => [r.date, r.volume]));

export function siView(repos: Repos, symbol: string, asOf: string, limit = 12): SiViewRow[] {
  const repo = repos.shortData;
  const rows = repo.shortInterest(symbol, asOf, limit + 1);
  if (!rows.length) return [];
  const oldest = rows[rows.length - 1]!.settlementDate;
  const volumes = volumeMap(repo.volumes(symbol, addCalendarDays(oldest, -45), asOf));
  return siHistory(rows, volumes).slice(0, limit);
}

export function shortVolView(repos: Repos, symbol: string, asOf: string, days = 15): ShortVolumeView {
  const rows = repos.shortData.shortVolume(symbol, addCalendarDays(asOf, -(days * 2 + 110)), asOf);
  return shortVolumeView(rows, asOf, days);
}

export interface DarkpoolView {
  weeks: DarkpoolWeek[];
  summary: DarkpoolSummary | null;
  notes: string[];
}

export function darkpoolView(repos: Repos, symbol: string, asOf: string, weeks = 8): DarkpoolView {
  const repo = repos.shortData;
  const from = addCalendarDays(asOf, -7 * (weeks + 24));
  const otc = repo.otcWeeks(symbol, from, asOf, asOf);
  const series = repos.chatReads.barsOf(symbol, from, asOf);
  const bars: OhlcvBar[] = series.dates.map((date, i) => ({
    date,
    open: series.open[i]!,
    high: series.high[i]!,
    low: series.low[i]!,
    close: series.close[i]!,
    volume: series.volume[i]!,
  }));
  const trades = repos.pipelineData.trades(symbol, addCalendarDays(asOf, -30), asOf);
  const view = darkpoolWeeks(otc, volumeMap(bars), asOf, weeks);
  const off = computeOffExchangeMetrics({ asOf, otcWeeks: otc, bars, trades });
  return { weeks: view.weeks, summary: off.metrics, notes: view.notes };
}

/** The basket's short pressure from each constituent's newest CNMS day on or before asOf. */
export function basketView(repos: Repos, name: string, constituents: readonly string[], asOf: string): BasketMetrics {
  const repo = repos.pipelineData;
  const from = addCalendarDays(asOf, -130);
  const per = new Map<string, ShortVolumeMetrics | null>();
  for (const raw of constituents) {
    const symbol = raw.trim().toUpperCase();
    per.set(symbol, computeShortVolumeMetrics(repo.shortVolume(symbol, from, asOf), asOf).metrics);
  }
  return aggregateBasket(name, [...constituents], per);
}
