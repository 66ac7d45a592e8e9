// Where a price axis is labelled (pure; panel-axes.ts hands these to Chart.js). A trader reads a $2 → $5
// move off the axis, so every visible order of magnitude gets labels: on a log axis 1, 2, 3 and 5 of
// each decade, finer mantissas when that leaves fewer than MIN_LABELS in view; on a linear axis the
// widest 1-2-2.5-5 step that still gives MIN_LABELS.

export const MIN_LABELS = 4;
/** more than this crowds a 30 px tick font on a phone panel */
const MAX_LABELS = 9;

/** mantissas per decade, coarsest first */
const LOG_MANTISSAS: readonly (readonly number[])[] = [
  [1, 2, 3, 5],
  [1, 1.5, 2, 3, 4, 5, 7],
  [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9],
  [1, 1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.5, 2.8, 3, 3.5, 4, 4.5, 5, 5.5, 6, 7, 8, 9],
];

const LINEAR_STEPS = [1, 2, 2.5, 5];

/** removes float noise (0.30000000000000004 → 0.3) so labels and equality read clean */
const clean = (x: number): number => Number(x.toPrecision(10));

/** Ticks of a log axis over [min, max] (min > 0): values in range, ascending. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  let best: number[] = [];
  for (const set of LOG_MANTISSAS) {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(min)) - 1; k <= Math.ceil(Math.log10(max)); k++)
      for (const m of set) {
        const v = clean(m * 10 ** k);
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
      }
    best = out;
    if (out.length >= MIN_LABELS) return out;
  }
  // a narrow range drawn on a log scale: linear steps label it better than any mantissa set
  const linear = linearTicks(min, max);
  return linear.length > best.length ? linear : best;
}

/** Ticks of a linear axis over [min, max]: multiples of a nice step, in range, ascending. */
export function linearTicks(min: number, max: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) return [];
  const span = max - min;
  // from a step that gives about one label down to one that gives MAX_LABELS: keep the widest with MIN_LABELS
  const top = 10 ** Math.ceil(Math.log10(span));
  for (let p = top; p > top / 1e4; p /= 10)
    for (const m of [...LINEAR_STEPS].reverse()) {
      const step = clean((m * p) / 10);
      const out: number[] = [];
      for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(clean(v));
      if (out.length >= MIN_LABELS && out.length <= MAX_LABELS) return out;
      if (out.length > MAX_LABELS) return out;
    }
  return [min, max];
}

/** The price axis's labelled values for its visible range. */
export function priceTicks(min: number, max: number, log: boolean): number[] {
  return log ? logTicks(min, max) : linearTicks(min, max);
}
