import type { ThresholdHistory } from '../domain/short-supply';
import { previousTradingDay } from '../market/trading-calendar';
import type { ThresholdMetrics } from './metric-types';

// On a Reg SHO threshold list, and for how long. Pure. The lists say a security has had fails of at least
// 10,000 shares and 0.5% of its shares outstanding for five settlement days in a row; a long streak means
// the fails are not being closed out (Rule 203(b)(3) forces a buy-in after 13 consecutive days).
//
// The streak counts consecutive list dates (trading days) on ANY market's list, ending at the newest list
// date held:
//  - a held list date without the symbol is a break: it was off the list that day;
//  - a trading day whose lists are not held at all is no break, but nothing is known before it: the streak
//    stops there and is a lower bound (`knownFrom` says where; the caller flags it);
//  - the window the caller reads bounds the streak the same way.
// A date counts as held when any market's list of it is stored (a list blocked on one market and held on
// another still counts: a name on the blocked market's list reads as off it that day).

export interface ThresholdReading {
  metrics: ThresholdMetrics;
  /** the streak stops at a trading day with no list held (or the window's start): it may be longer */
  truncated: boolean;
  /** the oldest list date counted in the streak (the newest list date when off the list) */
  knownFrom: string;
}

export function computeThresholdMetrics(symbol: string, history: ThresholdHistory): ThresholdReading | null {
  if (history.dates.length === 0) return null;
  const held = new Set(history.dates);
  const marketsOn = new Map<string, string[]>();
  for (const r of history.rows) {
    if (r.symbol !== symbol) continue;
    const list = marketsOn.get(r.date) ?? [];
    if (!list.includes(r.market)) list.push(r.market);
    marketsOn.set(r.date, list);
  }
  const newest = history.dates.reduce((a, b) => (b > a ? b : a));
  const oldest = history.dates.reduce((a, b) => (b < a ? b : a));
  const markets = (marketsOn.get(newest) ?? []).sort();
  let streak = 0;
  let day = newest;
  let first = newest;
  let truncated = false;
  for (;;) {
    if (!held.has(day)) {
      truncated = true;
      break;
    }
    if (!marketsOn.has(day)) break;
    streak++;
    first = day;
    if (day <= oldest) {
      truncated = true;
      break;
    }
    day = previousTradingDay(day);
  }
  return {
    metrics: { onList: markets.length > 0, streakDays: streak, markets, date: newest },
    truncated: truncated && streak > 0,
    knownFrom: first,
  };
}
