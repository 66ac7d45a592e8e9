import { addCalendarDays } from '../market/iso-date';
import { tradingDaysBetween } from '../market/trading-calendar';
import type { OffExchangeMetrics } from '../signals/metric-types';
import { otcWeeklyTotals } from '../signals/otc-weekly-totals';
import { daysToCoverOf } from '../signals/days-to-cover';
import { percentOfFloatOf } from '../signals/short-interest-metrics';
import { computeShortVolumeMetrics, shortRatioOf } from '../signals/short-volume-metrics';
import type { OtcWeekRow, ShortVolumeRow, SiHistoryRow } from '../domain/short-data';

// The short-data views as data (/si, /shortvol, /darkpool): one symbol's history turned into table
// rows with the same metrics the pipeline scores on. Pure; the day is a parameter, the rows come
// from short-data.repo.ts already cut to what was published by then.

export interface SiViewRow {
  settlementDate: string;
  publishedOn: string;
  shares: number;
  /** vs the previous report, a fraction; null without one */
  change: number | null;
  /** signals/days-to-cover.ts: the one definition the card, chart, score and reports read too */
  daysToCover: number | null;
  percentOfFloat: number | null;
  quality: number | null;
  revised: boolean;
}

/** Short-interest reports newest first, each with its change, recomputed days to cover and % float. */
export function siHistory(rows: readonly SiHistoryRow[], volumes: ReadonlyMap<string, number>): SiViewRow[] {
  return rows.map((r, i) => {
    const older = rows[i + 1];
    const prev = r.previousShortInterest ?? older?.shortInterest ?? null;
    return {
      settlementDate: r.settlementDate,
      publishedOn: r.publishedOn,
      shares: r.shortInterest,
      change: prev !== null && prev > 0 ? r.shortInterest / prev - 1 : null,
      daysToCover: daysToCoverOf(r, volumes)?.value ?? null,
      percentOfFloat: percentOfFloatOf(r.shortInterest, r.floatShares),
      quality: r.quality,
      revised: r.revised,
    };
  });
}

export interface ShortVolumeViewRow {
  date: string;
  shortVolume: number;
  totalVolume: number;
  shortRatio: number | null;
  z60: number | null;
  exemptShare: number | null;
}

export interface FacilitySplitRow {
  facility: string;
  shortVolume: number;
  totalVolume: number;
  shortRatio: number | null;
  /** this facility's share of the day's summed single-facility volume */
  volumeShare: number | null;
}

export interface ShortVolumeView {
  days: ShortVolumeViewRow[];
  /** the newest day's rows of the single facilities held (empty when only CNMS is stored) */
  split: { date: string; rows: FacilitySplitRow[] } | null;
}

/** The last `days` CNMS days up to asOf, newest first, each with the z-score as of that day. */
export function shortVolumeView(
  rows: readonly (ShortVolumeRow & { facility: string })[],
  asOf: string,
  days = 15,
): ShortVolumeView {
  const cnms = rows.filter((r) => r.facility === 'CNMS' && r.date <= asOf);
  const shown = cnms.slice(-days).reverse();
  const out = shown.map((r) => {
    const m = computeShortVolumeMetrics(cnms, r.date).metrics;
    return {
      date: r.date,
      shortVolume: r.shortVolume,
      totalVolume: r.totalVolume,
      shortRatio: shortRatioOf(r),
      z60: m?.date === r.date ? m.shortRatioZ60 : null,
      exemptShare: r.shortExemptVolume !== null && r.shortVolume > 0 ? r.shortExemptVolume / r.shortVolume : null,
    };
  });
  const singles = rows.filter((r) => r.facility !== 'CNMS' && r.date <= asOf);
  const newest = singles.reduce<string | null>((d, r) => (d === null || r.date > d ? r.date : d), null);
  if (newest === null) return { days: out, split: null };
  const day = singles.filter((r) => r.date === newest);
  const total = day.reduce((s, r) => s + r.totalVolume, 0);
  return {
    days: out,
    split: {
      date: newest,
      rows: day.map((r) => ({
        facility: r.facility,
        shortVolume: r.shortVolume,
        totalVolume: r.totalVolume,
        shortRatio: shortRatioOf(r),
        volumeShare: total > 0 ? r.totalVolume / total : null,
      })),
    },
  };
}

export interface DarkpoolWeek {
  weekStart: string;
  tier: string;
  ats: number | null;
  nonAts: number | null;
  total: number | null;
  /** the week's bar volume, null when a session has no bar */
  weekVolume: number | null;
  participation: number | null;
  fromFirmRows: boolean;
}

/** OTC weeks published by asOf, newest first, with the participation rate of each. */
export function darkpoolWeeks(
  rows: readonly OtcWeekRow[],
  volumes: ReadonlyMap<string, number>,
  asOf: string,
  weeks = 8,
): { weeks: DarkpoolWeek[]; notes: string[] } {
  const totals = otcWeeklyTotals(rows, asOf);
  const out = totals.weeks
    .slice(-weeks)
    .reverse()
    .map((w) => {
      const sessions = tradingDaysBetween(w.weekStart, addCalendarDays(w.weekStart, 4));
      const weekVolume =
        sessions.length && sessions.every((d) => volumes.has(d))
          ? sessions.reduce((s, d) => s + volumes.get(d)!, 0)
          : null;
      const total = w.ats === null && w.nonAts === null ? null : (w.ats ?? 0) + (w.nonAts ?? 0);
      return {
        weekStart: w.weekStart,
        tier: w.tier,
        ats: w.ats,
        nonAts: w.nonAts,
        total,
        weekVolume,
        participation: total !== null && weekVolume ? total / weekVolume : null,
        fromFirmRows: w.fromFirmRows,
      };
    });
  return { weeks: out, notes: totals.flags.map((f) => f.message) };
}

/** The newest week's metrics as the pipeline computes them (flag, z-score, lit flow, accumulation). */
export type DarkpoolSummary = Pick<
  OffExchangeMetrics,
  | 'otcWeek'
  | 'otcFlag'
  | 'otcParticipation'
  | 'otcParticipationZ'
  | 'otcWowDelta'
  | 'litImbalance'
  | 'accumulationScore'
  | 'accumulationConfidence'
>;
