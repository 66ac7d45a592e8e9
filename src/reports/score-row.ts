import type { MetricFlag, ScoreComponent, SymbolMetrics } from '../signals/metric-types';
import { drivers } from '../signals/scoring/hybrid-score';

// One scored symbol as every report shows it: the score and its parts, and the metrics a trader
// reads next to it, lifted out of the stored metrics JSON. Pure. A metric the run did not have stays
// null (shown as a dash), never 0.

/** What a report needs of a symbol_scores row (pipeline-runs.repo StoredScore satisfies it). */
export interface ScoreRowInput {
  symbol: string;
  rank: number | null;
  score: number;
  fuel: number | null;
  trigger: number | null;
  level: string | null;
  source: string;
  components: unknown[];
  metrics: Record<string, unknown>;
  /** stored apart from the metrics (the threshold streak's "at least" rides on one) */
  flags?: readonly MetricFlag[];
}

export interface ScoredName extends Omit<ScoreRowInput, 'components' | 'metrics'> {
  close: number | null;
  volumeSpike: number | null;
  /** off_exchange when the spike is FINRA's off-exchange proxy (volume-metrics.ts) */
  volumeBasis: 'consolidated' | 'off_exchange';
  rsi14: number | null;
  siPercentFloat: number | null;
  daysToCover: number | null;
  shortRatio: number | null;
  shortRatioZ: number | null;
  shortExemptShare: number | null;
  otcParticipation: number | null;
  otcFlag: string | null;
  litImbalance: number | null;
  accumulationScore: number | null;
  /** consecutive Reg SHO threshold-list days (0 = off the lists); null when no list is held */
  thresholdDays: number | null;
  /** the streak runs past the list days held: it may be longer */
  thresholdPartial: boolean;
  /** the lists it is on, e.g. "nasdaq" or "nyse|cboe"; null when off them or none held */
  thresholdMarkets: string | null;
  /** IBKR borrow fee, annual %; null when no snapshot is held or the file says NA */
  borrowFee: number | null;
  /** fee change over 5 sessions, percentage points */
  borrowFeeChange5d: number | null;
  /** shares available to borrow (10,000,000 when capped) */
  borrowAvailable: number | null;
  borrowCapped: boolean;
  /** availability fell to zero within the last session */
  borrowWentToZero: boolean;
  /** SEC fails-to-deliver on the newest settlement day held, shares; null when none held */
  failsShares: number | null;
  failsPercentFloat: number | null;
  /** consecutive settlement days with fails ending there */
  failsDays: number | null;
  failsSettlement: string | null;
  /** the first Rule 204 T+35 close-out date still ahead */
  failsCloseOut: string | null;
  callPutRatio: number | null;
  optionsVolume: number | null;
  nearMoneyCallOiToAdv: number | null;
  /** component names, largest contribution first */
  topFactors: string[];
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function scoredName(row: ScoreRowInput): ScoredName {
  const m = row.metrics as Partial<SymbolMetrics>;
  const threshold = m.supply?.threshold ?? null;
  const options = m.supply?.options ?? null;
  const borrow = m.supply?.borrow ?? null;
  const fails = m.supply?.fails ?? null;
  const components = (row.components as ScoreComponent[]).filter((c) => c && typeof c.contribution === 'number');
  return {
    symbol: row.symbol,
    rank: row.rank,
    score: row.score,
    fuel: row.fuel,
    trigger: row.trigger,
    level: row.level,
    source: row.source,
    close: num(m.volume?.close),
    volumeSpike: num(m.volume?.volumeSpikeRatio),
    volumeBasis: m.volume?.volumeBasis === 'off_exchange' ? 'off_exchange' : 'consolidated',
    rsi14: num(m.volume?.rsi14),
    siPercentFloat: num(m.shortInterest?.percentOfFloat),
    daysToCover: num(m.shortInterest?.daysToCover),
    shortRatio: num(m.shortVolume?.shortRatio),
    shortRatioZ: num(m.shortVolume?.shortRatioZ60),
    shortExemptShare: num(m.shortVolume?.shortExemptShare),
    otcParticipation: num(m.offExchange?.otcParticipation),
    otcFlag: m.offExchange?.otcFlag ?? null,
    litImbalance: num(m.offExchange?.litImbalance),
    accumulationScore: num(m.offExchange?.accumulationScore),
    thresholdDays: threshold ? threshold.streakDays : null,
    thresholdPartial: Boolean(row.flags?.some((f) => f.code === 'threshold_streak_partial')),
    thresholdMarkets: threshold?.onList ? threshold.markets.join('|') : null,
    borrowFee: num(borrow?.feeRate),
    borrowFeeChange5d: num(borrow?.feeChange5d),
    borrowAvailable: num(borrow?.available),
    borrowCapped: borrow?.availableCapped ?? false,
    borrowWentToZero: borrow?.availabilityWentToZero ?? false,
    failsShares: num(fails?.quantity),
    failsPercentFloat: num(fails?.shareOfFloat),
    failsDays: num(fails?.persistenceDays),
    failsSettlement: fails?.settlementDate ?? null,
    failsCloseOut: fails?.closeOutDates[0] ?? null,
    callPutRatio: num(options?.callPutRatio),
    optionsVolume: num(options?.optionsVolume),
    nearMoneyCallOiToAdv: num(options?.nearMoneyCallOiToAdv),
    topFactors: drivers(components).map((c) => c.name),
  };
}

export type Trend = 'up' | 'down' | 'flat' | 'new';

/** A score change smaller than this reads as flat: scores are 0..1 and move a little every day. */
export const TREND_EPSILON = 0.01;

export function trendOf(score: number, previous: number | null): Trend {
  if (previous === null) return 'new';
  const d = score - previous;
  return d > TREND_EPSILON ? 'up' : d < -TREND_EPSILON ? 'down' : 'flat';
}

export const TREND_ARROW: Record<Trend, string> = { up: '▲', down: '▼', flat: '▬', new: '★' };

export interface ComparedName extends ScoredName {
  previousScore: number | null;
  previousRank: number | null;
  /** score − previousScore, null when there was no previous score */
  change: number | null;
  trend: Trend;
}

/** Each row against the same symbol's score in `before` (a previous day's scores). */
export function compareScores(rows: readonly ScoreRowInput[], before: readonly ScoreRowInput[]): ComparedName[] {
  const prev = new Map(before.map((r) => [r.symbol, r]));
  return rows.map((r) => {
    const p = prev.get(r.symbol);
    const previousScore = p ? p.score : null;
    return {
      ...scoredName(r),
      previousScore,
      previousRank: p?.rank ?? null,
      change: previousScore === null ? null : r.score - previousScore,
      trend: trendOf(r.score, previousScore),
    };
  });
}
