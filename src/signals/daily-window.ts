import type { OhlcvBar } from '../domain/bars';
import { tradingDayDistance, tradingDaysBetween } from '../market/trading-calendar';
import { visibleCount } from './indicators';

// The windows of daily rows the volume metrics read (volume-metrics.ts): the bars cleaned of unusable
// rows, the off-exchange volume series, and the holes of missing sessions in either, said in words.

/** One session's volume (FINRA's off-exchange TotalVolume for the proxy). */
export interface VolumeDay {
  date: string;
  volume: number;
}

/** The off-exchange series up to asOf (last `historyBars`, usable entries only), or null when too short. */
export function offExchangeWindow(days: readonly VolumeDay[] | undefined, asOf: string, historyBars: number) {
  if (!days?.length) return null;
  const end = visibleCount(days, asOf);
  const rows: VolumeDay[] = [];
  for (let i = Math.max(0, end - historyBars); i < end; i++) {
    const d = days[i]!;
    if (!(Number.isFinite(d.volume) && d.volume >= 0)) continue;
    if (rows.length && rows[rows.length - 1]!.date === d.date) rows[rows.length - 1] = d;
    else rows.push(d);
  }
  return rows;
}

/** Missing trading days between the first and last of `rows`, as a sentence, or null. */
export function describeHole(rows: readonly { date: string }[]): string | null {
  return describeDateHole(rows.map((r) => r.date));
}

/** describeHole over the dates alone, oldest first. */
export function describeDateHole(dates: readonly string[]): string | null {
  if (dates.length < 2) return null;
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  // Fast path: as many sessions in the span as bars means nothing is missing.
  if (tradingDayDistance(first, last) + 1 <= dates.length) return null;
  const have = new Set(dates);
  const runs: [string, string, number][] = [];
  let prevMissing = false;
  for (const d of tradingDaysBetween(first, last)) {
    if (have.has(d)) {
      prevMissing = false;
      continue;
    }
    const cur = runs[runs.length - 1];
    if (prevMissing && cur) {
      cur[1] = d;
      cur[2]++;
    } else runs.push([d, d, 1]);
    prevMissing = true;
  }
  if (runs.length === 0) return null;
  const total = runs.reduce((s, r) => s + r[2], 0);
  const shown = runs.slice(0, 3).map(([a, b, c]) => (c === 1 ? a : `${a} to ${b} (${c} days)`));
  const more = runs.length > 3 ? ` and ${runs.length - 3} more gap(s)` : '';
  return `${total} trading day(s) missing between ${first} and ${last}: ${shown.join(', ')}${more}; the windows reach back past the gap`;
}

/**
 * Bars in [start, end) with a usable close and volume, one per date (the later duplicate wins). Input
 * that breaks the oldest-first contract is sorted (a copy) rather than trusted.
 */
export function cleanWindow(
  bars: readonly OhlcvBar[],
  start: number,
  end: number,
): { rows: OhlcvBar[]; dropped: number } {
  const rows: OhlcvBar[] = [];
  let dropped = 0;
  for (let i = start; i < end; i++) {
    const b = bars[i]!;
    const prev = rows[rows.length - 1];
    if (!(Number.isFinite(b.close) && b.close > 0 && Number.isFinite(b.volume) && b.volume >= 0)) dropped++;
    else if (prev && prev.date === b.date) rows[rows.length - 1] = b;
    else if (prev && prev.date > b.date) {
      const copy = bars.slice(start, end).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      return cleanWindow(copy, 0, copy.length);
    } else rows.push(b);
  }
  return { rows, dropped };
}
