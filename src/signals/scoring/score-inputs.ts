// The score's inputs: one table saying, for each config weight key, which metric feeds it (after its
// 0..1 transform, normalise.ts), which sub-score it belongs to (fuel: how much could be squeezed; trigger:
// is it starting), and its neutral prior — the normalised value of a typical listed stock, which a missing
// input counts as. The hybrid score, the sub-scores and the volume detector's weights all read through it.
import type { ShortInterestMetrics, SymbolMetrics } from '../metric-types';
import {
  finiteOrNull,
  normBorrowFee,
  normBorrowScarcity,
  normCallPutRatio,
  normDaysToCover,
  normFails,
  normMomentum,
  normOptionsPressure,
  normRsi,
  normSentiment,
  normShortPercentFloat,
  normShortRatioZ,
  normThresholdList,
  normVolatility,
  normVolumeConsistency,
  normVolumeSpike,
} from './normalise';

/** Which metric fed an input when there is a choice; score-input-words.ts gives each its words. */
export const INPUT_BASES = [
  'percent_of_float',
  'days_to_cover',
  'off_exchange_proxy',
  'share_of_float',
  'share_of_adv',
  'no_shares_available',
  'availability_change_5d',
] as const;
export type InputBasis = (typeof INPUT_BASES)[number];

export interface ScoreInput {
  /** the metric in its own units */
  raw: number;
  /** after the documented transform, 0..1 */
  normalised: number;
  /** which metric fed the input when there is a choice (finra_short_interest, fails_to_deliver, volume inputs) */
  basis?: InputBasis;
}

/** What a reader may need beyond the metrics: the usable report and the options volume floor. */
export interface ReadContext {
  /** the short-interest report the score may use (usableShortInterest), or null */
  shortInterest: ShortInterestMetrics | null;
  /** deep_scan.metrics.options_min_volume: a call/put ratio on fewer contracts is noise, read as missing */
  optionsMinVolume: number;
}

export type ScoreGroup = 'fuel' | 'trigger';

export interface InputSpec {
  group: ScoreGroup;
  /** the normalised value of a typical listed stock; a missing input counts as this, never as 0 or 1 */
  prior: number;
  /** why that value is typical, in words (README's weight table) */
  neutral: string;
  read: (m: SymbolMetrics, ctx: ReadContext) => ScoreInput | null;
}

/**
 * A short-interest report the score may use: published no more than `maxAgeDays` calendar days ago
 * (a negative age would be a report from the future and is refused), and giving at least one figure
 * the finra_short_interest input can read. An older report counts as no report: its input takes its prior.
 */
export function usableShortInterest(m: SymbolMetrics, maxAgeDays: number): ShortInterestMetrics | null {
  const si = m.shortInterest;
  if (!si) return null;
  const age = finiteOrNull(si.ageDays);
  if (age == null || age < 0 || age > maxAgeDays) return null;
  if (finiteOrNull(si.percentOfFloat) == null && finiteOrNull(si.daysToCover) == null) return null;
  return si;
}

function input(raw: number | null | undefined, norm: (x: number) => number | null): ScoreInput | null {
  const r = finiteOrNull(raw);
  if (r == null) return null;
  const n = norm(r);
  return n == null ? null : { raw: r, normalised: n };
}

/**
 * finra_short_interest: % of float when the float is known (the direct measure of how much must be
 * bought back); otherwise days to cover, named in `basis` so the explanation says which.
 */
export function shortInterestInput(si: ShortInterestMetrics | null): ScoreInput | null {
  if (!si) return null;
  const pct = input(si.percentOfFloat, normShortPercentFloat);
  if (pct) return { ...pct, basis: 'percent_of_float' };
  const dtc = input(si.daysToCover, normDaysToCover);
  return dtc ? { ...dtc, basis: 'days_to_cover' } : null;
}

type Reader = InputSpec['read'];

/** A volume input, named off_exchange_proxy when its figures are FINRA's off-exchange volume (volume-metrics.ts). */
const volumeInput =
  (read: (v: NonNullable<SymbolMetrics['volume']>) => number | null, norm: (x: number) => number | null): Reader =>
  (m) => {
    const got = m.volume ? input(read(m.volume), norm) : null;
    return got && m.volume?.volumeBasis === 'off_exchange' ? { ...got, basis: 'off_exchange_proxy' } : got;
  };
const volumeSpike = volumeInput((v) => v.volumeSpikeRatio, normVolumeSpike);

/** Borrow fee: the stock-loan file's figure as of the day (point in time), else a live provider's. */
const borrowFee: Reader = (m) => input(m.supply?.borrow?.feeRate ?? m.transient.borrowFeePct, normBorrowFee);

const borrowScarcity: Reader = (m) => {
  const b = m.supply?.borrow;
  if (!b) return null;
  if (b.noSharesAvailable) return { raw: 0, normalised: 1, basis: 'no_shares_available' };
  const got = input(b.availabilityChange5d, (x) => normBorrowScarcity(false, x));
  return got && { ...got, basis: 'availability_change_5d' };
};

const fails: Reader = (m) => {
  const f = m.supply?.fails;
  if (!f) return null;
  const pct = input(f.shareOfFloat, (x) => normFails(x, null));
  if (pct) return { ...pct, basis: 'share_of_float' };
  const adv = input(f.shareOfAdv, (x) => normFails(null, x));
  return adv ? { ...adv, basis: 'share_of_adv' } : null;
};

const thresholdList: Reader = (m) => {
  const t = m.supply?.threshold;
  return t ? { raw: t.streakDays, normalised: normThresholdList(t.onList, t.streakDays) } : null;
};

/** Call/put volume ratio from the options snapshot when enough contracts traded, else a live provider's. */
const callPut: Reader = (m, ctx) => {
  const o = m.supply?.options;
  if (o) return o.optionsVolume >= ctx.optionsMinVolume ? input(o.callPutRatio, normCallPutRatio) : null;
  return input(m.transient.callPutRatio, normCallPutRatio);
};

/**
 * Every input a weight key can name. Keys not listed here are unknown: config validation refuses them.
 * Priors are round figures for an ordinary listed stock, never fitted to any data set.
 */
export const SCORE_INPUTS: Readonly<Record<string, InputSpec>> = {
  finra_short_interest: {
    group: 'fuel',
    prior: 0.1,
    neutral: 'about 4% of the float short (days to cover about 1)',
    read: (_m, ctx) => shortInterestInput(ctx.shortInterest),
  },
  borrow_fee: { group: 'fuel', prior: 0, neutral: 'general-collateral borrow, under 1% a year', read: borrowFee },
  borrow_availability: {
    group: 'fuel',
    prior: 0,
    neutral: 'shares available to borrow and not falling',
    read: borrowScarcity,
  },
  fails_to_deliver: { group: 'fuel', prior: 0, neutral: 'fails far below 0.1% of the float', read: fails },
  threshold_list: { group: 'fuel', prior: 0, neutral: 'not on a Reg SHO threshold list', read: thresholdList },
  volume_spike: { group: 'trigger', prior: 0, neutral: 'volume at its own 20-day average', read: volumeSpike },
  // the volume detector's name for the same metric
  volume_spike_ratio: { group: 'trigger', prior: 0, neutral: 'volume at its own 20-day average', read: volumeSpike },
  volatility: {
    group: 'trigger',
    prior: normVolatility(0.35)!,
    neutral: 'realised volatility about 35% a year',
    read: (m) => input(m.volume?.volatility20, normVolatility),
  },
  price_momentum: {
    group: 'trigger',
    prior: 0,
    neutral: 'price flat over the momentum window',
    read: (m) => input(m.volume?.momentum, normMomentum),
  },
  rsi: { group: 'trigger', prior: 0, neutral: 'RSI(14) at 50 or below', read: (m) => input(m.volume?.rsi14, normRsi) },
  volume_consistency: {
    group: 'trigger',
    prior: 0.4,
    neutral: '2 of the last 5 days above their own average',
    read: volumeInput((v) => v.volumeConsistency, normVolumeConsistency),
  },
  short_ratio_z: {
    group: 'trigger',
    prior: 0,
    neutral: 'short-sale ratio at its own 60-day mean',
    read: (m) => input(m.shortVolume?.shortRatioZ60, normShortRatioZ),
  },
  call_put_ratio: {
    group: 'trigger',
    prior: normCallPutRatio(1.75)!,
    neutral: 'about 1.75 calls traded per put',
    read: callPut,
  },
  options_pressure: {
    group: 'trigger',
    prior: 0,
    neutral: 'near-money call open interest a small share of daily volume',
    read: (m) => input(m.supply?.options?.nearMoneyCallOiToAdv, normOptionsPressure),
  },
  sentiment_24h: {
    group: 'trigger',
    prior: 0.5,
    neutral: 'neutral chatter (sentiment 0)',
    read: (m) => input(m.transient.sentiment24h, normSentiment),
  },
};

export const SCORE_INPUT_NAMES: readonly string[] = Object.keys(SCORE_INPUTS);

/** The input for one weight key; null when the key is unknown or its metric is missing. */
export function readInput(key: string, m: SymbolMetrics, ctx: ReadContext): ScoreInput | null {
  const spec = Object.hasOwn(SCORE_INPUTS, key) ? SCORE_INPUTS[key] : undefined;
  return spec ? spec.read(m, ctx) : null;
}
