// One transform per scoring input, each mapping a metric in its own units to 0..1 (1 = most squeeze-like).
// Every transform is monotonic (never decreasing) and saturating, so one extreme figure cannot outweigh
// the rest by more than its weight. Non-finite input (NaN, ±Infinity, null) returns null: the caller
// treats it as a missing input, so a NaN never reaches a score.
//
// The anchor points are round figures from common market practice, not fitted to any data set.

/** null for anything that is not a finite number. */
export function finiteOrNull(x: number | null | undefined): number | null {
  return x != null && Number.isFinite(x) ? x : null;
}

export function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Linear from `zeroAt` (→ 0) to `oneAt` (→ 1), clamped outside. */
export function ramp(x: number | null | undefined, zeroAt: number, oneAt: number): number | null {
  const v = finiteOrNull(x);
  return v == null ? null : clamp01((v - zeroAt) / (oneAt - zeroAt));
}

/** Linear in log space from `zeroAt` (→ 0) to `oneAt` (→ 1); anything ≤ 0 gives 0. */
export function logRamp(x: number | null | undefined, zeroAt: number, oneAt: number): number | null {
  const v = finiteOrNull(x);
  if (v == null) return null;
  if (v <= 0) return 0;
  return clamp01(Math.log(v / zeroAt) / Math.log(oneAt / zeroAt));
}

/**
 * Volume spike ratio (today / 20-day mean): log-scaled, 1× → 0, 3× → 0.48, 10×+ → 1.
 * Why log: going from 2× to 4× means as much as 5× to 10× (each a doubling of interest), and a 40×
 * day on a sleepy name should not read as four times a 10× day. Below 1× (quieter than usual) → 0.
 */
export function normVolumeSpike(ratio: number | null | undefined): number | null {
  return logRamp(ratio, 1, 10);
}

/**
 * Short interest as a fraction of float: linear, 0 → 0, 20% → 0.5, 40%+ → 1.
 * Why linear: the fraction is already the quantity that matters (shares that must be bought back per
 * share that can trade); 20% is the usual "heavily shorted" line and 40% is rare enough to saturate.
 */
export function normShortPercentFloat(fraction: number | null | undefined): number | null {
  return ramp(fraction, 0, 0.4);
}

/**
 * Days to cover (short interest / ADV20): linear, 0 → 0, 5 days → 0.5, 10+ days → 1.
 * Used for short interest when the float is unknown, and inside the fuel sub-score. Why linear to 10:
 * under 2 days shorts can exit in a session or two; 10 days means covering is a multi-week problem.
 */
export function normDaysToCover(days: number | null | undefined): number | null {
  return ramp(days, 0, 10);
}

/**
 * Change of short interest vs the previous report (fraction): 0 or falling → 0, +50%+ → 1.
 * Why one-sided: shorts adding to a position grow the fuel; shorts covering shrink it, which the level
 * (% float / days to cover) already shows, so a fall is not counted twice.
 */
export function normShortInterestChange(change: number | null | undefined): number | null {
  return ramp(change, 0, 0.5);
}

/**
 * RSI(14): 50 → 0, 100 → 1, anything below 50 → 0.
 * Why: a squeeze is upward pressure; RSI under 50 says sellers lead, so it carries no signal at all,
 * and the scale above 50 is already bounded.
 */
export function normRsi(rsi: number | null | undefined): number | null {
  return ramp(rsi, 50, 100);
}

/**
 * 24h social sentiment score (−1..1): linear to 0..1, −1 → 0, 0 → 0.5, 1 → 1.
 * Why keep the bearish half: unlike RSI, sentiment near 0 is neutral chatter, and a strongly negative
 * crowd should score below a neutral one.
 */
export function normSentiment(score: number | null | undefined): number | null {
  return ramp(score, -1, 1);
}

/**
 * Call/put volume ratio: log-scaled, ≤ 1 → 0, 2 → 0.43, 5+ → 1.
 * Why: US equities usually trade 1.5–2 calls per put, so up to parity there is no bullish tilt; call
 * buying that forces dealers to hedge grows with each doubling, and 5 calls per put is extreme.
 */
export function normCallPutRatio(ratio: number | null | undefined): number | null {
  return logRamp(ratio, 1, 5);
}

/**
 * Borrow fee, annualised percent (35 = 35% a year): log-scaled, ≤ 1% → 0, 10% → 0.5, 100%+ → 1.
 * Why log: easy-to-borrow names cost well under 1%, hard-to-borrow ones 10–100%+; each tenfold step
 * is one step of scarcity.
 */
export function normBorrowFee(percent: number | null | undefined): number | null {
  return logRamp(percent, 1, 100);
}

/**
 * Price momentum over the configured window (fraction, 0.12 = +12%): 0 or falling → 0, +50%+ → 1.
 * Why: a squeeze needs the price going up; a fall is not "negative squeeze", just no trigger.
 */
export function normMomentum(change: number | null | undefined): number | null {
  return ramp(change, 0, 0.5);
}

/**
 * Volume consistency (share of the last 5 days above their own 20-day mean, already 0..1): identity,
 * clamped. Why: it is a share already; a sustained build-up scores above a one-day blip.
 */
export function normVolumeConsistency(share: number | null | undefined): number | null {
  return ramp(share, 0, 1);
}

/**
 * Short-volume ratio z-score against the symbol's own last 60 days: ≤ 0 → 0, 3σ+ → 1.
 * Why: only unusually heavy short selling hints at shorts leaning in; 3σ is rare for any name, and a
 * z-score below the mean says nothing about a squeeze.
 */
export function normShortRatioZ(z: number | null | undefined): number | null {
  return ramp(z, 0, 3);
}

/**
 * Realised volatility, annualised (0.35 = 35%): log-scaled, ≤ 30% → 0, 60% → 0.43, 150%+ → 1.
 * Why: a typical US stock moves 25–40% a year; squeezes come out of names already moving 100%+
 * (the literature's strongest single predictor of a run), and each doubling is one step.
 */
export function normVolatility(annualised: number | null | undefined): number | null {
  return logRamp(annualised, 0.3, 1.5);
}

/**
 * Borrow scarcity from availability: no shares left → 1; otherwise the fall over 5 trading days,
 * 0 or rising → 0, −100% → 1 (linear). Why: shorts who cannot borrow cannot add, and a fall to zero
 * is the classic trigger; a large absolute figure says nothing unless it is shrinking.
 */
export function normBorrowScarcity(noShares: boolean, change5d: number | null | undefined): number | null {
  if (noShares) return 1;
  const c = finiteOrNull(change5d);
  return c == null ? null : ramp(-c, 0, 1);
}

/**
 * Fails-to-deliver as a share of float: 0 → 0, 1%+ → 1 (linear); where the float is unknown, as a share of
 * average daily volume, 0 → 0, a whole day's volume → 1. Why: Reg SHO puts a name on the threshold list at
 * 0.5% of shares outstanding failing five days running; twice that is saturated.
 */
export function normFails(
  shareOfFloat: number | null | undefined,
  shareOfAdv: number | null | undefined,
): number | null {
  return ramp(shareOfFloat, 0, 0.01) ?? ramp(shareOfAdv, 0, 1);
}

/**
 * Reg SHO threshold list: off → 0; on it → 0.5, rising to 1 at 13 consecutive days. Why 13: Rule 203(b)(3)
 * forces brokers to close out fails still open after 13 consecutive settlement days on the list.
 */
export function normThresholdList(onList: boolean, streakDays: number): number {
  return onList ? 0.5 + 0.5 * clamp01((streakDays - 1) / 12) : 0;
}

/**
 * Near-the-money call open interest (× 100 shares) against average daily volume: log-scaled, ≤ 0.1 → 0,
 * 2+ days of volume → 1. Why: dealers short those calls buy stock as the price rises (gamma); call open
 * interest worth a tenth of a day's volume is noise, two days' worth can move the stock.
 */
export function normOptionsPressure(oiToAdv: number | null | undefined): number | null {
  return logRamp(oiToAdv, 0.1, 2);
}
