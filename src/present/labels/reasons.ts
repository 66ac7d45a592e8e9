import { ELIMINATION_REASONS, STAGE_NAMES, type EliminationReason, type StageName } from '../../domain/runs';
import { LEVEL_CONDITIONS, type LevelCondition } from '../../signals/scoring/alert-level';
import { conditionLabel } from './level-conditions';
import { keyWords } from '../../shared/key-words';

// Why the pipeline cut a symbol and which stage did, in the words a trader reads. The stored data and the
// logs keep the machine keys (price_too_high); every chat reply, report and file shows these.

/** A stage of the funnel: `universe_loading` → `universe`. */
export const STAGE_LABEL: Readonly<Record<StageName | 'alerting', string>> = {
  universe_loading: 'universe',
  price_filtering: 'price filter',
  volume_filtering: 'volume detector',
  squeeze_detection: 'deep scan',
  final_ranking: 'ranking',
  // missed opportunities: scored, but below every alert level
  alerting: 'alert levels',
};

export function stageLabel(name: string): string {
  return (STAGE_LABEL as Record<string, string>)[name] ?? keyWords(name);
}

/** Each reason as a short phrase, for counts (`price above max 1,432`) and table cells. */
export const REASON_LABEL: Readonly<Record<EliminationReason, string>> = {
  inactive: 'not trading',
  test_issue: 'test listing',
  etf_excluded: 'ETF or fund',
  exchange_not_allowed: 'exchange not followed',
  market_cap_too_low: 'market cap below min',
  market_cap_too_high: 'market cap above max',
  no_price_data: 'no price data',
  stale_price_data: 'price data too old',
  price_too_low: 'price below min',
  price_too_high: 'price above max',
  avg_volume_too_low: 'average volume below min',
  insufficient_volume_spike: 'no volume spike',
  zero_volume: 'no volume traded',
  insufficient_history: 'too little price history',
  below_candidate_cut: 'outside the top candidates',
  no_data: 'no data to score',
  scan_error: 'scan failed',
  below_ranking_cut: 'outside the ranking',
};

/** A missed candidate stopped at the alert levels: the low level's condition it failed. */
const MISSED_AT_LEVEL: Readonly<Record<LevelCondition, string>> = Object.fromEntries(
  LEVEL_CONDITIONS.map((c) => [c, `${conditionLabel(c)} below the low level`]),
) as Record<LevelCondition, string>;

/** Any criterion the store holds (a stage's reason, or a level condition for a missed name) in words. */
export function reasonLabel(code: string): string {
  return (
    (REASON_LABEL as Record<string, string>)[code] ??
    (MISSED_AT_LEVEL as Record<string, string>)[code] ??
    keyWords(code)
  );
}

const money = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const count = (x: number) => Math.round(x).toLocaleString('en-US');
const big = (x: number) =>
  x >= 1e12
    ? `$${+(x / 1e12).toFixed(2)}T`
    : x >= 1e9
      ? `$${+(x / 1e9).toFixed(1)}B`
      : x >= 1e6
        ? `$${+(x / 1e6).toFixed(1)}M`
        : `$${count(x)}`;
const times = (x: number) => `${x.toFixed(1)}×`;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const plain = (x: number) => (Number.isInteger(x) ? count(x) : x.toFixed(Math.abs(x) >= 10 ? 1 : 2));

/**
 * A reason with its figures, as one clause: `price $25.10, above the $20.00 max`. Without figures it is
 * the short phrase. Numbers read in their units (dollars, shares, ×, days).
 */
export function reasonWithFigures(code: string, value: number | null, threshold: number | null): string {
  const v = value;
  const t = threshold;
  if (v === null && t === null) return reasonLabel(code);
  const both = v !== null && t !== null;
  switch (code) {
    case 'price_too_low':
      return both ? `price ${money(v)}, below the ${money(t)} min` : reasonLabel(code);
    case 'price_too_high':
      return both ? `price ${money(v)}, above the ${money(t)} max` : reasonLabel(code);
    case 'market_cap_too_low':
      return both ? `market cap ${big(v)}, below the ${big(t)} min` : reasonLabel(code);
    case 'market_cap_too_high':
      return both ? `market cap ${big(v)}, above the ${big(t)} max` : reasonLabel(code);
    case 'stale_price_data':
      return both ? `last price ${count(v)} trading days old (at most ${count(t)})` : reasonLabel(code);
    case 'avg_volume_too_low':
      return both ? `average volume ${count(v)} shares, below the ${count(t)} min` : reasonLabel(code);
    case 'insufficient_volume_spike':
      return both ? `volume ${times(v)} its average, below the ${times(t)} needed` : reasonLabel(code);
    case 'insufficient_history':
    case 'zero_volume':
      return both ? `${reasonLabel(code)}: ${count(v)} days of bars, ${count(t)} needed` : reasonLabel(code);
    case 'below_candidate_cut':
      return both ? `detection score ${plain(v)}, below the cut of ${plain(t)}` : reasonLabel(code);
    case 'below_ranking_cut':
      return both ? `score ${plain(v)}, below the last ranked ${plain(t)}` : reasonLabel(code);
    case 'min_finra_si_percent':
      return both
        ? `short interest ${pct(v)} of float, below the low level's ${pct(t)}`
        : `${reasonLabel(code)}${t !== null ? ` (${pct(t)})` : ''}`;
    default:
      return `${reasonLabel(code)}${v !== null ? `: ${plain(v)}` : ''}${t !== null ? ` (needs ${plain(t)})` : ''}`;
  }
}

/** Every code this file must label: the tests walk these. */
export const LABELLED_CODES = { reasons: ELIMINATION_REASONS, stages: STAGE_NAMES } as const;
