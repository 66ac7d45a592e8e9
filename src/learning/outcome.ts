import type { Config } from '../config/schema';

// What a recommendation did after discovery, from its daily closes (pure). Definitions, so every
// figure in /performance means one thing:
// - checkpoint k (1, 7, 14, 30 trading days): the close k sessions after the discovery day; a session
//   without a bar (a halt) carries the last close before it; unset until that session has passed.
// - peak: the highest close after discovery (it can be below the discovery price); days to peak: the
//   sessions from discovery to the first close at that high.
// - max drawdown (≤ 0): the worst close against the highest price before it, the discovery price included,
//   so a name that only fell has its drawdown from the discovery price.
// - success: a close at or above +success_return before any close at or below failure_return (a take-profit
//   hit before the stop); failure: the stop first. Neither while the price stays between them.
// - outcome category on the peak return: explosive / strong / moderate at or above their thresholds; below
//   moderate the latest return decides: failed at or below outcome.failed, else poor. Provisional until
//   the window (30 sessions) is over: when the 30th session has a close, or 60 sessions have passed.
// Intraday checkpoints (1h, 4h) need intraday quotes, which squeezebot does not store: they are not kept.

export const CHECKPOINT_DAYS = [1, 7, 14, 30] as const;
export type CheckpointDay = (typeof CHECKPOINT_DAYS)[number];
export const TRACKING_DAYS = 30;

export type OutcomeCategory = 'explosive' | 'strong' | 'moderate' | 'poor' | 'failed';
export const OUTCOME_ORDER: readonly OutcomeCategory[] = ['explosive', 'strong', 'moderate', 'poor', 'failed'];
export type OutcomeThresholds = Pick<Config['learning'], 'success_return' | 'failure_return' | 'outcome'>;

/** One close after discovery: `day` is the session count from the discovery day (1 = the next session). */
export interface PricePoint {
  day: number;
  close: number;
}

export interface PriceReturn {
  price: number;
  return: number;
}

export interface OutcomeState {
  checkpoints: Record<CheckpointDay, PriceReturn | null>;
  last: PriceReturn | null;
  /** sessions after discovery covered, at most TRACKING_DAYS */
  daysTracked: number;
  peakPrice: number | null;
  peakReturn: number | null;
  daysToPeak: number | null;
  maxDrawdown: number | null;
  outcome: OutcomeCategory | null;
  success: boolean | null;
  failure: boolean | null;
  completed: boolean;
}

/**
 * The state after `elapsed` sessions (capped at TRACKING_DAYS) given the closes seen so far. `path` is
 * sorted by day; points past the window or past `elapsed` are ignored.
 */
export function trackOutcome(
  base: number,
  path: readonly PricePoint[],
  elapsed: number,
  t: OutcomeThresholds,
): OutcomeState {
  const days = Math.max(0, Math.min(elapsed, TRACKING_DAYS));
  const points = path.filter((p) => p.day >= 1 && p.day <= days && Number.isFinite(p.close) && p.close > 0);
  const ret = (price: number): PriceReturn => ({ price, return: price / base - 1 });
  const checkpoints = {} as Record<CheckpointDay, PriceReturn | null>;
  for (const k of CHECKPOINT_DAYS) {
    const at = days >= k ? lastOnOrBefore(points, k) : null;
    checkpoints[k] = at ? ret(at.close) : null;
  }
  if (points.length === 0 || !(base > 0)) {
    return {
      checkpoints,
      last: null,
      daysTracked: days,
      peakPrice: null,
      peakReturn: null,
      daysToPeak: null,
      maxDrawdown: null,
      outcome: null,
      success: null,
      failure: null,
      completed: isCompleted(elapsed, points),
    };
  }
  let peak = points[0]!;
  let runningHigh = base;
  let maxDrawdown = 0;
  let touch: 'success' | 'failure' | null = null;
  for (const p of points) {
    if (p.close > peak.close) peak = p;
    runningHigh = Math.max(runningHigh, p.close);
    maxDrawdown = Math.min(maxDrawdown, p.close / runningHigh - 1);
    const r = p.close / base - 1;
    if (!touch && r >= t.success_return) touch = 'success';
    else if (!touch && r <= t.failure_return) touch = 'failure';
  }
  const last = ret(points.at(-1)!.close);
  const peakReturn = peak.close / base - 1;
  return {
    checkpoints,
    last,
    daysTracked: days,
    peakPrice: peak.close,
    peakReturn,
    daysToPeak: peak.day,
    maxDrawdown,
    outcome: categorise(peakReturn, last.return, t.outcome),
    success: touch === 'success',
    failure: touch === 'failure',
    completed: isCompleted(elapsed, points),
  };
}

/** Over once the window's last session has a close, or (a halt, a delisting) long after it. */
function isCompleted(elapsed: number, points: readonly PricePoint[]): boolean {
  return elapsed >= TRACKING_DAYS && (points.at(-1)?.day === TRACKING_DAYS || elapsed >= 2 * TRACKING_DAYS);
}

export function categorise(peakReturn: number, lastReturn: number, o: OutcomeThresholds['outcome']): OutcomeCategory {
  if (peakReturn >= o.explosive) return 'explosive';
  if (peakReturn >= o.strong) return 'strong';
  if (peakReturn >= o.moderate) return 'moderate';
  return lastReturn <= o.failed ? 'failed' : 'poor';
}

function lastOnOrBefore(points: readonly PricePoint[], day: number): PricePoint | null {
  let found: PricePoint | null = null;
  for (const p of points) {
    if (p.day > day) break;
    found = p;
  }
  return found;
}
