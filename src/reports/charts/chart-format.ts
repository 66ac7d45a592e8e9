import type { AxisFormat } from './chart-model';

// Tick and label formatting shared by every chart (pure). Fractions are stored as fractions and
// printed as percents; share counts are abbreviated so ticks stay short at 12 px.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function fmtShares(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${trim(x / 1e9)}B`;
  if (a >= 1e6) return `${trim(x / 1e6)}M`;
  if (a >= 1e3) return `${trim(x / 1e3)}K`;
  return trim(x);
}

function trim(x: number): string {
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function formatValue(x: number, format: AxisFormat): string {
  switch (format) {
    case 'price':
      return Math.abs(x) >= 100 ? `$${x.toFixed(0)}` : `$${trim(x)}`;
    case 'shares':
      return fmtShares(x);
    case 'percent':
      return `${trim(x * 100)}%`;
    case 'days':
      return `${trim(x)}d`;
    case 'score':
      return x.toFixed(2);
    default:
      return trim(x);
  }
}

/** 'Jan 27' */
export function shortDate(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

/** "Jan '21" */
export function monthLabel(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} '${date.slice(2, 4)}`;
}

/**
 * The date-axis labels: index → text, for the days that get a tick. Up to ~3 months a tick on the
 * first session of each week, longer ranges on the first session of each month, so ticks never
 * crowd whatever the range; the first day is labelled only when the next tick is far enough away.
 */
export function dateTicks(
  dates: readonly string[],
  /**
   * at most `max` weekly or `months` monthly labels; the first day labelled only `firstGap` sessions
   * (monthly: a label's spacing) before the next
   */
  { max = 8, months = 12, firstGap = 3 }: { max?: number; months?: number; firstGap?: number } = {},
): Map<number, string> {
  const out = new Map<number, string>();
  if (dates.length === 0) return out;
  const span = dates.length;
  if (span <= 12) return new Map(dates.map((d, i) => [i, shortDate(d)]));
  const monthly = span > 70;
  const key = (d: string): string =>
    monthly ? d.slice(0, 7) : String(Math.floor((Date.parse(d) / 86_400_000 + 3) / 7));
  for (let i = 1; i < dates.length; i++) {
    if (key(dates[i]!) !== key(dates[i - 1]!)) out.set(i, monthly ? monthLabel(dates[i]!) : shortDate(dates[i]!));
  }
  // weekly ticks over ~3 months are 13: keep every other (every third, ...) one past `max` so labels never touch
  const every = Math.ceil(out.size / (monthly ? months : max));
  if (every > 1) {
    let k = 0;
    for (const i of [...out.keys()]) if (k++ % every !== 0) out.delete(i);
  }
  const first = [...out.keys()][0];
  const gap = monthly ? 12 * every : firstGap;
  if (first === undefined || first >= gap) out.set(0, monthly ? monthLabel(dates[0]!) : shortDate(dates[0]!));
  return out;
}

/** True when every label is an ISO date (a date axis), so generic charts can tick it like one. */
export function looksLikeDates(labels: readonly string[]): boolean {
  return labels.length > 0 && labels.every((l) => /^\d{4}-\d{2}-\d{2}$/.test(l));
}
