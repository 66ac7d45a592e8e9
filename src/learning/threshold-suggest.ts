import { LEVELS, thresholdViolations } from '../config/config-invariants';
import type { Config } from '../config/schema';

// Threshold suggestions from tracked outcomes (pure). For each alert level, a grid of squeeze_score ×
// min_volume_spike pairs is replayed over the tracked recommendations' features at discovery: a pair
// "would have alerted" a recommendation whose score reached it and whose volume spike did too (an unknown
// spike passes, as in src/signals/scoring/alert-level.ts). Each pair is judged by the success rate of what
// it passes, through the Wilson lower bound (95%), so a pair passing three lucky names does not beat one
// passing forty good ones; at least `minCount` must pass. The other level conditions (SI %, sentiment)
// stay as configured. Only tracked names can be judged: names never alerted nor ranked are unseen.
// The levels keep their order on both keys: high is chosen first above the current medium, medium between
// the current low and the high as proposed, low below the medium as proposed; so the proposals applied
// together never break high ≥ medium ≥ low (otherwise all three would find the same pair, or cross).

export interface SuggestRow {
  score: number;
  volumeSpike: number | null;
  success: boolean;
}

export interface PairResult {
  squeezeScore: number;
  minVolumeSpike: number;
  passed: number;
  successes: number;
  rate: number | null;
  lowerBound: number;
}

export interface LevelSuggestion {
  level: 'high' | 'medium' | 'low';
  current: PairResult;
  best: PairResult | null;
  /** the /set commands that apply the best pair; empty when the current pair is as good */
  commands: string[];
}

export const SCORE_GRID = Array.from({ length: 14 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);
export const SPIKE_GRID = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20];
/** a suggestion must raise the lower bound by at least this much to be worth a change */
export const MIN_GAIN = 0.01;

export function evaluatePair(rows: readonly SuggestRow[], squeezeScore: number, minVolumeSpike: number): PairResult {
  let passed = 0;
  let successes = 0;
  for (const r of rows) {
    if (r.score < squeezeScore - 1e-9) continue;
    if (r.volumeSpike !== null && r.volumeSpike < minVolumeSpike - 1e-9) continue;
    passed++;
    if (r.success) successes++;
  }
  return {
    squeezeScore,
    minVolumeSpike,
    passed,
    successes,
    rate: passed ? successes / passed : null,
    lowerBound: wilsonLower(successes, passed),
  };
}

/** Wilson score interval lower bound at z = 1.96; 0 for no trials. */
export function wilsonLower(successes: number, n: number, z = 1.96): number {
  if (n === 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  return Math.max(0, (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n));
}

export function suggestThresholds(
  rows: readonly SuggestRow[],
  thresholds: Config['alerting']['thresholds'],
  minCount: number,
): LevelSuggestion[] {
  // Chosen high first, each level against its neighbours as they will be once the proposals above it are
  // applied, so the proposals taken together keep high ≥ medium ≥ low on every key (config-invariants.ts).
  const proposed: Thresholds = structuredClone(thresholds);
  const out = LEVELS.map((level) => {
    const t = thresholds[level];
    const current = evaluatePair(rows, t.squeeze_score, t.min_volume_spike);
    const [lo, hi] = band(level, proposed);
    const [spikeLo, spikeHi] = spikeBand(level, proposed);
    let best: PairResult | null = null;
    for (const s of SCORE_GRID.filter((x) => x > lo + 1e-9 && x < hi - 1e-9)) {
      for (const v of SPIKE_GRID.filter((x) => x >= spikeLo - 1e-9 && x <= spikeHi + 1e-9)) {
        const r = evaluatePair(rows, s, v);
        if (r.passed < minCount) continue;
        if (
          !best ||
          r.lowerBound > best.lowerBound + 1e-12 ||
          (Math.abs(r.lowerBound - best.lowerBound) <= 1e-12 && r.passed > best.passed)
        )
          best = r;
      }
    }
    const better = best !== null && best.lowerBound >= current.lowerBound + MIN_GAIN;
    const commands: string[] = [];
    if (better && best) {
      proposed[level] = { ...proposed[level], squeeze_score: best.squeezeScore, min_volume_spike: best.minVolumeSpike };
      if (Math.abs(best.squeezeScore - t.squeeze_score) > 1e-9)
        commands.push(`/set alerting.thresholds.${level}.squeeze_score ${best.squeezeScore}`);
      if (Math.abs(best.minVolumeSpike - t.min_volume_spike) > 1e-9)
        commands.push(`/set alerting.thresholds.${level}.min_volume_spike ${best.minVolumeSpike}`);
    }
    return { level, current, best, commands };
  });
  // by construction the set holds; should a rule be added that the search above does not know, propose
  // nothing rather than a set /set would refuse half way through
  if (thresholdViolations(proposed).length > 0) return out.map((s) => ({ ...s, commands: [] }));
  return out;
}

type Thresholds = Config['alerting']['thresholds'];

/** The open score interval a level's suggestion may take, between its neighbours' (proposed) values. */
function band(level: LevelSuggestion['level'], t: Thresholds): [number, number] {
  if (level === 'high') return [t.medium.squeeze_score, Infinity];
  if (level === 'medium') return [t.low.squeeze_score, t.high.squeeze_score];
  return [-Infinity, t.medium.squeeze_score];
}

/** The closed volume-spike interval: at least the level below asks, at most the level above. */
function spikeBand(level: LevelSuggestion['level'], t: Thresholds): [number, number] {
  if (level === 'high') return [t.medium.min_volume_spike, Infinity];
  if (level === 'medium') return [t.low.min_volume_spike, t.high.min_volume_spike];
  return [-Infinity, t.medium.min_volume_spike];
}
