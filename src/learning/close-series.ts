import { tradingDayDistance } from '../market/trading-calendar';
import { TRACKING_DAYS, type PricePoint } from './outcome';

// Daily closes per symbol as columns, read once for a whole update (one query) and then walked per
// recommendation or per cut name: the path after a discovery day in sessions, and its peak (pure).

export interface CloseSeries {
  dates: readonly string[];
  close: ArrayLike<number>;
}

/** Where closes come from: the learning repo's one-query read, or a backtest's bar store (columns by symbol). */
export interface CloseSource {
  get(symbol: string): CloseSeries | undefined;
}

/** First index with dates[i] > date. */
function after(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The close of exactly `date`, or null. */
export function closeOn(s: CloseSeries | undefined, date: string): number | null {
  if (!s) return null;
  const i = after(s.dates, date) - 1;
  return i >= 0 && s.dates[i] === date ? s.close[i]! : null;
}

/** Closes after `date` up to `until` (inclusive) and within the tracking window, as session offsets. */
export function pathAfter(
  s: CloseSeries | undefined,
  date: string,
  until: string,
  maxDays = TRACKING_DAYS,
): PricePoint[] {
  if (!s) return [];
  const out: PricePoint[] = [];
  for (let i = after(s.dates, date); i < s.dates.length; i++) {
    const d = s.dates[i]!;
    if (d > until) break;
    const day = tradingDayDistance(date, d);
    if (day > maxDays) break;
    if (day >= 1) out.push({ day, close: s.close[i]! });
  }
  return out;
}

export interface ForwardPeak {
  price: number;
  peakPrice: number;
  peakReturn: number;
  daysToPeak: number;
}

/** The highest close within the window after `date` against the close of `date`; null without both. */
export function forwardPeak(
  s: CloseSeries | undefined,
  date: string,
  until: string,
  maxDays = TRACKING_DAYS,
): ForwardPeak | null {
  const base = closeOn(s, date);
  if (base === null || !(base > 0)) return null;
  let best: PricePoint | null = null;
  for (const p of pathAfter(s, date, until, maxDays)) if (!best || p.close > best.close) best = p;
  return best ? { price: base, peakPrice: best.close, peakReturn: best.close / base - 1, daysToPeak: best.day } : null;
}
