import type { AlertLevel } from '../signals/metric-types';

// The daily squeeze-alert budget (alerting.daily_budget.squeeze_alerts): a trader cannot act on ten
// alerts a day, so at most N squeeze alerts are pushed per trading day — high before medium before low,
// and within a level the higher score first. What does not fit is held: it still appears in /top and the
// digest, and is never lost. The live alert engine and the backtest both choose with this one function,
// so a replay's alert counts are the counts a user would have received.

const RANK: Record<AlertLevel, number> = { high: 3, medium: 2, low: 1 };

export interface BudgetCandidate {
  symbol: string;
  level: AlertLevel;
  score: number;
}

export interface BudgetChoice<T extends BudgetCandidate> {
  /** pushed, in push order (high first, then by score) */
  sent: T[];
  /** over the budget: digest and /top only */
  held: T[];
}

/** The order alerts compete for the budget in: level, then score, then symbol (so ties are stable). */
export function budgetOrder(a: BudgetCandidate, b: BudgetCandidate): number {
  return RANK[b.level] - RANK[a.level] || b.score - a.score || a.symbol.localeCompare(b.symbol);
}

/**
 * Choose the day's pushed squeeze alerts. `alreadySent` counts squeeze alerts pushed earlier the same trading
 * day (a rerun or an intraday scan spends the same budget); a budget of 0 holds everything.
 */
export function withinBudget<T extends BudgetCandidate>(
  candidates: readonly T[],
  budget: number,
  alreadySent = 0,
): BudgetChoice<T> {
  const left = Math.max(0, Math.floor(budget) - alreadySent);
  const ordered = [...candidates].sort(budgetOrder);
  return { sent: ordered.slice(0, left), held: ordered.slice(left) };
}
