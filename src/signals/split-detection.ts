// Split detection for unadjusted daily bars (pure). Unadjusted data shows a forward k:1 split as the
// close falling to ~1/k while share volume rises ~k×, so the day's dollar volume stays ordinary. A real move
// of that size (halving, doubling)
// comes with a dollar-volume surge. So a day whose close ratio is within 5% of 1/k or k (k = 2, 3, 4,
// 5, …) while its dollar volume is at most 2.5× "usual" — the median share volume of the previous N
// bars valued at the previous close — is taken as a split. (Valuing the median at the previous close,
// not averaging past dollar volumes, matters: after a squeeze the window holds days at several times
// today's price, and a second leg up would look ordinary against them.) The split is flagged and every
// earlier bar is scaled by the nominal factor (prices × 1/k, volume × k) before any metric is computed:
// the jump stays out of momentum and RSI, post-split share volume does not read as a spike, and the
// day's residual move (the ratio's distance from the nominal factor) still counts. A wrong guess costs
// a neutralised halving, never an invented rally: a genuine doubling on under 1.25× its usual share
// volume is not a squeeze.

export const SPLIT_FACTORS = [2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 30, 40, 50, 100] as const;
export const SPLIT_RATIO_TOLERANCE = 0.05;
export const SPLIT_MAX_DOLLAR_VOLUME_RATIO = 2.5;

export interface SplitBar {
  date: string;
  close: number;
  volume: number;
}

export interface SuspectedSplit {
  /** index in the rows of the first post-split bar */
  index: number;
  date: string;
  /** nominal price ratio: 1/k for a k:1 split, k for a 1:k reverse split */
  priceFactor: number;
  message: string;
}

/** Days whose close jumped by a split factor without a dollar-volume surge (see the header). */
export function detectSplits(rows: readonly SplitBar[], lookback = 20): SuspectedSplit[] {
  return detectSplitsOf(
    rows.map((r) => r.date),
    Float64Array.from(rows, (r) => r.close),
    Float64Array.from(rows, (r) => r.volume),
    lookback,
  );
}

/** The smallest jump any factor accepts is 2 × (1 − tolerance) = 1.9: below this, no factor is tried. */
const NO_FACTOR_BELOW = 1.8;

/** detectSplits over columns (the volume metrics hold their bars as typed arrays). */
export function detectSplitsOf(
  dates: readonly string[],
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  lookback = 20,
): SuspectedSplit[] {
  const out: SuspectedSplit[] = [];
  for (let i = 1; i < dates.length; i++) {
    const prevClose = close[i - 1]!;
    const curClose = close[i]!;
    const ratio = curClose / prevClose;
    const jump = ratio < 1 ? 1 / ratio : ratio;
    // nearly every day moves far less than any split factor: skip the factor search (NaN goes on to it)
    if (jump < NO_FACTOR_BELOW) continue;
    const k = SPLIT_FACTORS.find((f) => Math.abs(jump / f - 1) <= SPLIT_RATIO_TOLERANCE);
    if (k === undefined) continue;
    const before: number[] = [];
    for (let j = Math.max(0, i - lookback); j < i; j++) before.push(volume[j]!);
    const usual = median(before);
    if (!(usual > 0)) continue; // no volume story to compare against: leave the move alone
    const surge = (curClose * volume[i]!) / (prevClose * usual);
    if (surge > SPLIT_MAX_DOLLAR_VOLUME_RATIO) continue;
    const priceFactor = ratio < 1 ? 1 / k : k;
    const kind = ratio < 1 ? `${k}:1 split` : `1:${k} reverse split`;
    const date = dates[i]!;
    out.push({
      index: i,
      date,
      priceFactor,
      message:
        `${date}: close ${prevClose} → ${curClose} (×${ratio.toFixed(3)}) on ${surge.toFixed(1)}× usual dollar volume: ` +
        `treated as a ${kind}, earlier bars scaled so the jump does not count as a move`,
    });
  }
  return out;
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = xs.sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
