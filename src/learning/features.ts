import type { ScoreComponent, ScoreResult, SymbolMetrics } from '../signals/metric-types';

// The key metrics kept with a recommendation (what /suggest and the missed-opportunity patterns read)
// and its thesis: one sentence from the score's top components (pure).

export interface Features {
  volumeSpike: number | null;
  rsi: number | null;
  /** fraction of float (0.32 = 32%) */
  siPercentFloat: number | null;
  daysToCover: number | null;
  shortRatioZ: number | null;
  fuel: number | null;
  trigger: number | null;
}

export type FeatureName = keyof Features;

/** The metrics as a run hands them over, or as symbol_scores stores them (the same shape, JSON). */
export type MetricsLike = Partial<Pick<SymbolMetrics, 'volume' | 'shortInterest' | 'shortVolume'>>;

export function featuresOf(
  metrics: MetricsLike | null | undefined,
  result: { fuel: number | null; trigger: number | null } | null,
): Features {
  return {
    volumeSpike: num(metrics?.volume?.volumeSpikeRatio),
    rsi: num(metrics?.volume?.rsi14),
    siPercentFloat: num(metrics?.shortInterest?.percentOfFloat),
    daysToCover: num(metrics?.shortInterest?.daysToCover),
    shortRatioZ: num(metrics?.shortVolume?.shortRatioZ60),
    fuel: num(result?.fuel),
    trigger: num(result?.trigger),
  };
}

export const EMPTY_FEATURES: Features = featuresOf(null, null);

const fixed = (x: number, d: number) => x.toFixed(d);

function phrase(c: ScoreComponent): string {
  switch (c.name) {
    case 'volume_spike':
    case 'volume_spike_ratio':
      return `volume ${fixed(c.raw, 1)}× its 20-day average`;
    case 'finra_short_interest':
      return c.basis === 'days_to_cover'
        ? `${fixed(c.raw, 1)} days to cover`
        : `short interest at ${fixed(c.raw * 100, 0)}% of float`;
    case 'rsi':
      return `RSI ${fixed(c.raw, 0)}`;
    case 'price_momentum':
      return `${c.raw >= 0 ? '+' : ''}${fixed(c.raw * 100, 0)}% momentum`;
    case 'short_ratio_z':
      return `short-sale ratio ${fixed(c.raw, 1)} σ above its norm`;
    case 'sentiment_24h':
      return `24h sentiment ${fixed(c.raw, 2)}`;
    case 'call_put_ratio':
      return `call/put ratio ${fixed(c.raw, 2)}`;
    case 'borrow_fee':
      return `borrow fee ${fixed(c.raw, 1)}%`;
    default:
      return `${c.name.replaceAll('_', ' ')} ${fixed(c.raw, 2)}`;
  }
}

/**
 * "Score 0.87 (high) led by volume 23.4× its 20-day average, short interest at 32% of float and RSI 81."
 * The same top components (positive contribution, largest first, three) as topContributors in
 * src/signals/scoring/hybrid-score.ts, in words instead of arithmetic.
 */
export function thesisOf(result: Pick<ScoreResult, 'score' | 'level' | 'components'>): string {
  const top = result.components
    .filter((c) => c.contribution > 0)
    .slice(0, 3)
    .map(phrase);
  const head = `Score ${result.score.toFixed(2)}${result.level ? ` (${result.level})` : ''}`;
  if (top.length === 0) return `${head} with no contributing input.`;
  const list = top.length === 1 ? top[0]! : `${top.slice(0, -1).join(', ')} and ${top.at(-1)!}`;
  return `${head} led by ${list}.`;
}

function num(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
