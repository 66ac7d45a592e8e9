// The per-symbol, per-day metrics the pipeline computes (issue 3) and the scoring consumes.
// Every metric is null when its input is missing or too thin: missing is normal, never a NaN and
// never a zero stand-in. `flags` say why something is null or shaky, in words a user can read.

import type { AlertLevel, MetricFlag, ScoreComponent } from '../domain/scores';

// stored with every score (symbol_scores, alerts), so declared in domain/ beside the other stored records
export type { AlertLevel, MetricFlag, ScoreComponent };

export interface VolumeMetrics {
  date: string;
  close: number;
  volume: number;
  /** mean volume of the 20 trading days before `date` (today excluded) */
  avgVolume20: number | null;
  /** today's volume / avgVolume20 */
  volumeSpikeRatio: number | null;
  /** RSI(14), Wilder smoothing */
  rsi14: number | null;
  /** percent change of close over the configured momentum window (0.12 = +12%) */
  momentum: number | null;
  /** share of the last 5 days whose volume beat their own 20-day mean, 0..1 */
  volumeConsistency: number | null;
  /** ATR(14), Wilder smoothing, in price units */
  atr14: number | null;
  /** realised volatility: stdev of the last 20 daily log returns, annualised (0.35 = 35%); absent before issue 12 */
  volatility20?: number | null;
  barsAvailable: number;
  /**
   * what the volume figures (volume, average, spike, consistency) were computed on: consolidated daily bars,
   * or FINRA's off-exchange volume standing in where the bars are too few (volume-metrics.ts); absent in
   * scores stored before the proxy existed, which were consolidated
   */
  volumeBasis?: VolumeBasis;
}

export type VolumeBasis = 'consolidated' | 'off_exchange';

export interface ShortInterestMetrics {
  settlementDate: string;
  publishedOn: string;
  sharesShort: number;
  /** fraction of float (0.25 = 25%), null when the float is unknown */
  percentOfFloat: number | null;
  /** short interest / 20-day average daily volume (recomputed, never FINRA's floored field) */
  daysToCover: number | null;
  /** change vs the previous report, as a fraction */
  changePct: number | null;
  /** calendar days since publication, as of the day scored */
  ageDays: number;
  /** stored quality score 0..1 when there is one */
  quality: number | null;
}

export interface ShortVolumeMetrics {
  date: string;
  /** ShortVolume / TotalVolume of the consolidated file: a facility short ratio, not a market one */
  shortRatio: number;
  /** z-score of today's ratio against the symbol's own previous 60 days */
  shortRatioZ60: number | null;
  /** ShortExemptVolume / ShortVolume */
  shortExemptShare: number | null;
  daysOfHistory: number;
  /** the day's ShortVolume and TotalVolume, so baskets can weight by volume */
  shortVolume?: number;
  totalVolume?: number;
}

export type OtcFlag = 'anchored' | 'stale' | 'none';

export interface OffExchangeMetrics {
  /** the OTC week used (Monday), null when none */
  otcWeek: string | null;
  /** OTC weekly shares / total weekly volume of that week */
  otcParticipation: number | null;
  otcParticipationZ: number | null;
  /** change of the participation rate vs the week before, in rate points */
  otcWowDelta: number | null;
  /** anchored: the week is recent enough for the day scored; stale: older; none: no OTC data */
  otcFlag: OtcFlag;
  /** (buy - sell) / (buy + sell) of classified lit volume, -1..1 */
  litImbalance: number | null;
  /** ln(buy / sell) */
  litLogRatio: number | null;
  litMethod: 'nbbo' | 'tick' | null;
  /** 0..100, built only from observable inputs; never infers OTC direction */
  accumulationScore: number | null;
  /** 0..1: how much of the accumulation score's inputs were present */
  accumulationConfidence: number | null;
}

export interface TransientMetrics {
  sentiment24h: number | null;
  callPutRatio: number | null;
  optionsVolume: number | null;
  borrowFeePct: number | null;
}

/**
 * Borrow cost and availability from the IBKR stock-loan file (snapshots stored as changes), as of the day
 * scored: the newest snapshot taken on or before it, compared with the last one of 1 and 5 trading days before.
 */
export interface BorrowMetrics {
  /** the snapshot read (ISO instant) */
  takenAt: string;
  /** annual %, null where the file says NA */
  feeRate: number | null;
  /** fee rate now minus 1 / 5 trading days before, in percentage points */
  feeChange1d: number | null;
  feeChange5d: number | null;
  /** shares available to borrow; capped at 10,000,000 where the file says `>10000000` */
  available: number | null;
  availableCapped: boolean;
  /** (available now − 5 trading days before) / 5 days before: −1 = fell to zero; null when unknown */
  availabilityChange5d: number | null;
  /** available is 0 */
  noSharesAvailable: boolean;
  /** available fell to 0 from above 0 within the last trading day (the classic trigger) */
  availabilityWentToZero: boolean;
}

/** SEC fails-to-deliver, published by the day scored (a half-month file is known only from its publication). */
export interface FailsMetrics {
  /** the newest settlement day with fails in the published files */
  settlementDate: string;
  /** outstanding balance of fails that day, shares */
  quantity: number;
  /** quantity / float (fraction), null when the float is unknown */
  shareOfFloat: number | null;
  /** quantity / 20-day average daily volume, null when unknown */
  shareOfAdv: number | null;
  /** consecutive settlement days (ending at settlementDate) with a balance above zero */
  persistenceDays: number;
  /** settlement days with fails among the last 20 settlement days of the files read */
  daysWithFails20: number;
  /** T+35 calendar close-out dates still ahead of the day scored, of the persistent fails, oldest first */
  closeOutDates: string[];
  publishedOn: string;
}

/** Reg SHO threshold lists (Nasdaq, NYSE, Cboe) as of the day scored. */
export interface ThresholdMetrics {
  /** on any market's list for the newest list date held on or before the day scored */
  onList: boolean;
  /** consecutive list dates (trading days) on a list, ending at `date`; 0 when not on it */
  streakDays: number;
  /** the lists it is on that day */
  markets: string[];
  /** the list date read */
  date: string;
}

/** The options chain's summary for the short list (Cboe delayed quotes), newest snapshot on or before the day. */
export interface OptionsMetrics {
  date: string;
  callVolume: number;
  putVolume: number;
  /** callVolume / putVolume; null when no put traded */
  callPutRatio: number | null;
  /** callVolume + putVolume, contracts */
  optionsVolume: number;
  callOpenInterest: number;
  putOpenInterest: number;
  /** near-the-money (±10%, ≤ 30 days) call open interest × 100 shares / 20-day average daily volume */
  nearMoneyCallOiToAdv: number | null;
  /** 30-day implied volatility as a fraction */
  iv30: number | null;
}

/** The supply side of a squeeze: each part null when its dataset holds nothing for the symbol by the day. */
export interface SupplyMetrics {
  borrow: BorrowMetrics | null;
  fails: FailsMetrics | null;
  threshold: ThresholdMetrics | null;
  options: OptionsMetrics | null;
}

export const NO_SUPPLY: SupplyMetrics = { borrow: null, fails: null, threshold: null, options: null };

export interface SymbolMetrics {
  symbol: string;
  asOf: string;
  volume: VolumeMetrics | null;
  shortInterest: ShortInterestMetrics | null;
  shortVolume: ShortVolumeMetrics | null;
  offExchange: OffExchangeMetrics | null;
  /** absent in scores stored before issue 12 (read as NO_SUPPLY) */
  supply?: SupplyMetrics;
  transient: TransientMetrics;
  flags: MetricFlag[];
}

export interface ScoreResult {
  symbol: string;
  asOf: string;
  /** 0..1 */
  score: number;
  /** short-interest side: how much could be squeezed, 0..1, null without short data */
  fuel: number | null;
  /** volume/price/short-volume side: is it starting, 0..1, null without bars */
  trigger: number | null;
  /**
   * whether a usable short-interest report was scored (with_finra) or not (volume_only). The names are the
   * seed's two weight sets; since issue 12 one weight table serves both and a missing report takes its prior.
   */
  weightSet: 'with_finra' | 'volume_only';
  components: ScoreComponent[];
  /** weight keys whose input was missing (each counted at its neutral prior) */
  missing: string[];
  level: AlertLevel | null;
  /** e.g. "min_sentiment skipped: no sentiment" — conditions not checked for lack of input */
  levelNotes: string[];
}
