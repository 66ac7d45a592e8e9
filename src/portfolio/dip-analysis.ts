import type { Config } from '../config/schema';
import type { Repos } from '../db/repos';
import { tickerSnapshot } from '../pipeline/ticker-snapshot';
import { addCalendarDays, calendarDaysBetween } from '../market/iso-date';
import { lastTradingDayOnOrBefore, previousTradingDay } from '../market/trading-calendar';
import { supportResistance, type Level } from '../signals/support-resistance';
import { decideDip, dipSizing, isDip, thesisChecks, thesisStrength, type DipDecision } from './dip-rules';
import { valuePosition, type Position, type Valuation } from './position-ledger';
import { asThesisSnapshot, thesisMetricsOf, type ThesisSnapshot } from './thesis-metrics';

// Reads what the dip rules need for one position from the store: the last close, the metrics now
// (the same computation /ticker uses), the bars the levels are drawn from. The decision itself is
// src/portfolio/dip-rules.ts.

export interface DipAnalysis {
  userId: string;
  symbol: string;
  /** the trading day analysed */
  day: string;
  /** 'intraday' when a live quote stood in for the last close */
  priceSource: 'close' | 'intraday';
  position: Position;
  valuation: Valuation;
  /** calendar days since the opening buy */
  daysHeld: number;
  now: ThesisSnapshot | null;
  supports: Level[];
  resistances: Level[];
  atr: number | null;
  decision: DipDecision;
  /**
   * The thesis strength on earlier sessions since the opening buy, oldest first, ending with `day`'s
   * (the decision's): each point is the strength of that day's metrics, as known that day, against the
   * entry's — so a trader sees whether the thesis is fading or firming, not just where it stands.
   */
  strengthHistory: { day: string; strength: number }[];
  /** BUY_MORE: shares and dollars the size percentage comes to at the last close (or the live price) */
  buyMore: { shares: number; usd: number } | null;
  /** the largest the position may grow to at that price (its shares + max_allocation_pct of them) */
  maxPositionUsd: number;
}

/** Metrics of one symbol on one day (null when the store does not know it). */
export async function thesisNow(
  symbol: string,
  asOf: string,
  deps: { repos: Repos; config: Config },
): Promise<ThesisSnapshot | null> {
  const snap = await tickerSnapshot(symbol, asOf, deps);
  return snap ? thesisMetricsOf(snap.metrics, snap.score) : null;
}

/** sessions between two points of the strength history; at most HISTORY_POINTS earlier points */
export const HISTORY_STEP_SESSIONS = 5;
export const HISTORY_POINTS = 4;

/** Earlier trading days for the strength history: every HISTORY_STEP_SESSIONS back, not before `from`. */
export function historyDays(day: string, from: string): string[] {
  const days: string[] = [];
  let d = day;
  while (days.length < HISTORY_POINTS) {
    for (let i = 0; i < HISTORY_STEP_SESSIONS; i++) d = previousTradingDay(d);
    if (d < from) break;
    days.unshift(d);
  }
  return days;
}

/** The last close on or before the day, with its date. */
export function lastClose(repos: Repos, symbol: string, asOf: string): { close: number; date: string } | null {
  const bars = repos.chatReads.barsOf(symbol, addCalendarDays(asOf, -14), asOf);
  const n = bars.close.length;
  return n ? { close: bars.close[n - 1]!, date: bars.dates[n - 1]! } : null;
}

/**
 * null when the position is not down at least portfolio.dip_threshold, or has no close. `price`
 * (the intraday watch's live quote) stands in for the last close; the levels still come from the bars.
 */
export async function analyseDip(
  userId: string,
  position: Position,
  asOf: string,
  deps: { repos: Repos; config: Config },
  options: { price?: number } = {},
): Promise<DipAnalysis | null> {
  const p = deps.config.portfolio;
  const day = lastTradingDayOnOrBefore(asOf);
  // trading days → calendar days, with room for holidays
  const from = addCalendarDays(day, -Math.ceil((p.levels_lookback_days * 7) / 5) - 10);
  const bars = deps.repos.chatReads.barsOf(position.symbol, from, day);
  const n = bars.close.length;
  if (!n) return null;
  const close = options.price ?? bars.close[n - 1]!;
  if (!isDip(close, position.avgCost, p.dip_threshold)) return null;

  const sr = supportResistance(bars, { window: p.pivot_window, toleranceAtr: p.level_tolerance_atr, price: close });
  let highSinceEntry: number | null = null;
  for (let i = 0; i < n; i++)
    if (bars.dates[i]! >= position.openedOn && (highSinceEntry === null || bars.close[i]! > highSinceEntry))
      highSinceEntry = bars.close[i]!;
  const now = await thesisNow(position.symbol, day, deps);
  const decision = decideDip(
    {
      close,
      avgCost: position.avgCost,
      highSinceEntry,
      entry: asThesisSnapshot(position.entryMetrics),
      now,
      atr: sr.atr,
      supports: sr.supports,
      resistances: sr.resistances,
    },
    p,
  );
  const entry = asThesisSnapshot(position.entryMetrics);
  const strengthHistory: DipAnalysis['strengthHistory'] = [];
  for (const d of historyDays(day, position.openedOn)) {
    const then = await thesisNow(position.symbol, d, deps);
    strengthHistory.push({ day: d, strength: thesisStrength(thesisChecks(entry, then, p.thesis)).strength });
  }
  strengthHistory.push({ day, strength: decision.strength });
  const valuation = valuePosition(position, close);
  const size = dipSizing(decision, position.quantity, close, p.max_allocation_pct);
  return {
    userId,
    symbol: position.symbol,
    day,
    priceSource: options.price === undefined ? 'close' : 'intraday',
    position,
    valuation,
    daysHeld: Math.max(0, calendarDaysBetween(position.openedOn, day)),
    now,
    supports: sr.supports,
    resistances: sr.resistances,
    atr: decision.atr,
    decision,
    strengthHistory,
    buyMore: decision.action === 'BUY_MORE' ? { shares: size.shares, usd: size.usd } : null,
    maxPositionUsd: size.maxPositionUsd,
  };
}
