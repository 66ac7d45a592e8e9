import { addCalendarDays } from '../market/iso-date';
import { tradingDaysBetween } from '../market/trading-calendar';

// Days to cover, the one definition every view reads (ticker card, /si, chart, score, report CSV and
// HTML, alerts): a report's shares short ÷ the mean consolidated daily volume (daily bars, all venues)
// of the DTC_SESSIONS sessions ending on its settlement date, that date included. Anchored on the
// settlement rather than on the day asked about: the position was measured that day, so it is set
// against that market's volume, and the figure stays the same from publication until the next report
// whichever view or day reads it. FINRA's own days-to-cover field is floored at 1.00 and capped at
// 999.99 (FORMATS.md), so it is never used. Where the bars do not cover those sessions (a keyless store
// in its first weeks holds only off-exchange volume, ~40% of the market, which would inflate the figure
// about 2.5×), FINRA's average daily volume of the settlement period stands in, said in `basis`.

export const DTC_SESSIONS = 20;

export type DaysToCoverBasis = 'bars_adv20' | 'finra_adv';

export interface DaysToCover {
  value: number;
  /** the volume divided by */
  adv: number;
  basis: DaysToCoverBasis;
}

export interface DaysToCoverReport {
  settlementDate: string;
  shortInterest: number;
  /** FINRA's average daily volume of the settlement period, when the source carries it */
  avgDailyVolume?: number | null;
}

const positive = (x: number | null | undefined): x is number => x != null && Number.isFinite(x) && x > 0;

/** Mean bar volume of the DTC_SESSIONS sessions up to and including `day`; null when any session is missing. */
export function settlementAdv(volumes: ReadonlyMap<string, number>, day: string): number | null {
  const sessions = tradingDaysBetween(addCalendarDays(day, -40), day).slice(-DTC_SESSIONS);
  if (sessions.length < DTC_SESSIONS || sessions.some((d) => !Number.isFinite(volumes.get(d)))) return null;
  return sessions.reduce((s, d) => s + volumes.get(d)!, 0) / DTC_SESSIONS;
}

/** Days to cover of one report; null when neither the bars nor FINRA give a usable volume. */
export function daysToCoverOf(report: DaysToCoverReport, volumes: ReadonlyMap<string, number>): DaysToCover | null {
  const si = report.shortInterest;
  if (si == null || !Number.isFinite(si) || si < 0) return null;
  const bars = settlementAdv(volumes, report.settlementDate);
  if (positive(bars)) return { value: si / bars, adv: bars, basis: 'bars_adv20' };
  if (positive(report.avgDailyVolume))
    return { value: si / report.avgDailyVolume, adv: report.avgDailyVolume, basis: 'finra_adv' };
  return null;
}

/** date → volume of bars, for daysToCoverOf. */
export function barVolumes(bars: readonly { date: string; volume: number }[]): Map<string, number> {
  return new Map(bars.map((b) => [b.date, b.volume]));
}
