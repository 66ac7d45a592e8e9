import type { Config } from '../config/schema';
import type { PassedOver } from '../domain/missed';
import type { Elimination } from '../domain/runs';
import type { AlertLevel } from '../signals/metric-types';
import { forwardPeak, type CloseSource } from './close-series';
import type { Features } from './features';

// Names a day's run passed over (pure): cut at one of learning.missed_stages, or scored below every alert
// level ('alerting'), each with the criterion that stopped it and its value against the threshold. A
// candidate becomes a missed opportunity when its close later rose at least learning.missed_min_return
// within the tracking window. Live runs read candidates from the stored eliminations and scores; the
// backtest builds them from each day's funnel result.

export type MissedCandidate = PassedOver<Features | null>;

export interface MissedHit extends MissedCandidate {
  price: number;
  peakPrice: number;
  peakReturn: number;
  daysToPeak: number;
}

export type LowThresholds = Config['alerting']['thresholds']['low'];

/** Why a scored name has no level: the first low-level condition it fails (the score, then the spike, then SI %). */
export function belowAlertReason(
  score: number,
  features: Features,
  low: LowThresholds,
): Pick<MissedCandidate, 'criterion' | 'value' | 'threshold'> {
  if (score < low.squeeze_score) return { criterion: 'squeeze_score', value: score, threshold: low.squeeze_score };
  if (features.volumeSpike !== null && features.volumeSpike < low.min_volume_spike)
    return { criterion: 'min_volume_spike', value: features.volumeSpike, threshold: low.min_volume_spike };
  if (features.siPercentFloat !== null && features.siPercentFloat < low.min_finra_si_percent)
    return { criterion: 'min_finra_si_percent', value: features.siPercentFloat, threshold: low.min_finra_si_percent };
  return { criterion: 'min_sentiment', value: null, threshold: low.min_sentiment };
}

export interface ScoredName {
  symbol: string;
  score: number;
  level: AlertLevel | null;
  features: Features;
}

/** The day's candidates: eliminations at the configured stages plus scored names without a level. */
export function missedCandidates(day: {
  asOf: string;
  runId: string | null;
  eliminations: Iterable<
    Pick<Elimination, 'symbol' | 'criterion' | 'value' | 'threshold' | 'detail'> & { stage: string }
  >;
  scored: Iterable<ScoredName>;
  stages: readonly string[];
  low: LowThresholds;
}): MissedCandidate[] {
  const stages = new Set(day.stages);
  const out: MissedCandidate[] = [];
  const scoredSymbols = new Set<string>();
  for (const s of day.scored) {
    scoredSymbols.add(s.symbol);
    if (s.level || !stages.has('alerting')) continue;
    out.push({
      asOf: day.asOf,
      symbol: s.symbol,
      runId: day.runId,
      stage: 'alerting',
      ...belowAlertReason(s.score, s.features, day.low),
      detail: null,
      score: s.score,
      features: s.features,
    });
  }
  for (const e of day.eliminations) {
    // a ranking cut is not why a scored name did not alert: its level decided that (handled above)
    if (!stages.has(e.stage) || scoredSymbols.has(e.symbol) || e.stage === 'final_ranking') continue;
    out.push({
      asOf: day.asOf,
      symbol: e.symbol,
      runId: day.runId,
      stage: e.stage,
      criterion: e.criterion,
      value: e.value,
      threshold: e.threshold,
      detail: e.detail,
      score: null,
      features:
        e.criterion === 'insufficient_volume_spike' && e.value !== null ? { ...EMPTY, volumeSpike: e.value } : null,
    });
  }
  return out;
}

const EMPTY: Features = {
  volumeSpike: null,
  rsi: null,
  siPercentFloat: null,
  daysToCover: null,
  shortRatioZ: null,
  fuel: null,
  trigger: null,
};

/** The candidates whose close rose at least `minReturn` within the window, up to `until`. */
export function findMissed(
  candidates: Iterable<MissedCandidate>,
  closes: CloseSource,
  until: string,
  minReturn: number,
): MissedHit[] {
  const out: MissedHit[] = [];
  for (const c of candidates) {
    const peak = forwardPeak(closes.get(c.symbol), c.asOf, until);
    if (peak && peak.peakReturn >= minReturn) out.push({ ...c, ...peak });
  }
  return out;
}
