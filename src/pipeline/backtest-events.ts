import { z } from 'zod';
import { isIsoDate } from '../market/iso-date';
import { addTradingDays, tradingDayDistance } from '../market/trading-calendar';
import type { BarStore } from './bar-store';
import type { BacktestAlert } from './backtest';

// How a backtest's alerts did against known squeeze events ({symbol, start, peak}):
// - recall: events with an alert from EARLY_DAYS trading days before start up to the day before peak;
// - precision: alerts followed by a close at least HIT_GAIN above the alert day's close within
//   HIT_WINDOW trading days (alerts whose window is not over and not yet hit are left out, counted apart);
// - lead time: trading days from the first alert in an event's window to its peak (median).

export const EARLY_DAYS = 5;
export const HIT_GAIN = 0.4;
export const HIT_WINDOW = 10;

const isoDate = z.string().refine(isIsoDate, 'a date as YYYY-MM-DD');
export const eventsSchema = z.array(
  z
    .object({
      symbol: z
        .string()
        .min(1)
        .transform((s) => s.toUpperCase()),
      start: isoDate,
      peak: isoDate,
    })
    .refine((e) => e.start <= e.peak, 'start after peak'),
);
export type SqueezeEvent = z.infer<typeof eventsSchema>[number];

export interface EventOutcome extends SqueezeEvent {
  firstAlert: string | null;
  leadDays: number | null;
}

export interface EventScore {
  events: EventOutcome[];
  recall: number | null;
  hits: number;
  misses: number;
  /** alerts whose window had not closed and had not hit yet */
  unresolved: number;
  precision: number | null;
  medianLeadDays: number | null;
}

export function scoreEvents(events: SqueezeEvent[], alerts: BacktestAlert[], bars: BarStore): EventScore {
  const outcomes = events.map((e): EventOutcome => {
    const open = addTradingDays(e.start, -EARLY_DAYS);
    const close = addTradingDays(e.peak, -1);
    const first = alerts
      .filter((a) => a.symbol === e.symbol && a.date >= open && a.date <= close)
      .sort((a, b) => a.date.localeCompare(b.date))[0];
    return { ...e, firstAlert: first?.date ?? null, leadDays: first ? tradingDayDistance(first.date, e.peak) : null };
  });
  let hits = 0;
  let misses = 0;
  let unresolved = 0;
  for (const a of alerts) {
    const base = bars.last(a.symbol, a.date);
    if (!base || base.date !== a.date) {
      unresolved++;
      continue;
    }
    const after = bars.after(a.symbol, a.date, HIT_WINDOW);
    if (after.some((b) => b.close >= base.close * (1 + HIT_GAIN))) hits++;
    else if (after.length >= HIT_WINDOW) misses++;
    else unresolved++;
  }
  const recalled = outcomes.filter((o) => o.firstAlert !== null);
  return {
    events: outcomes,
    recall: events.length ? recalled.length / events.length : null,
    hits,
    misses,
    unresolved,
    precision: hits + misses ? hits / (hits + misses) : null,
    medianLeadDays: median(recalled.map((o) => o.leadDays!)),
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
