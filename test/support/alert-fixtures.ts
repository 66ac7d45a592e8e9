import type { RunCandidates } from '../../src/alerts/alert.service';
import type { RunRecord, StageRecord } from '../../src/domain/runs';
import type { AlertLevel, SymbolMetrics } from '../../src/signals/metric-types';

/** A finished live run as the pipeline hands it over; `volumeOut` is what volume filtering passed. */
export function runRecord(
  asOf: string,
  options: { id?: string; volumeOut?: number; status?: RunRecord['status'] } = {},
): RunRecord {
  const stage: StageRecord = {
    seq: 3,
    name: 'volume_filtering',
    status: 'ok',
    symbolsIn: 800,
    symbolsOut: options.volumeOut ?? 12,
    criteria: { min_volume_spike_ratio: 3 },
    eliminated: 800 - (options.volumeOut ?? 12),
    eliminationReasons: { insufficient_volume_spike: 800 - (options.volumeOut ?? 12) },
    durationMs: 40,
    errors: [],
    fallback: null,
  };
  return {
    id: options.id ?? `discovery_${asOf.replaceAll('-', '')}_224500`,
    kind: 'live',
    asOf,
    startedAt: `${asOf}T22:45:00.000Z`,
    finishedAt: `${asOf}T22:46:00.000Z`,
    status: options.status ?? 'completed',
    stages: [stage],
    eliminations: new Map(),
    healthScore: 0.9,
    fallbackDetected: false,
    error: null,
    summary: {},
  };
}

export function metrics(symbol: string, asOf: string): SymbolMetrics {
  return {
    symbol,
    asOf,
    volume: {
      date: asOf,
      close: 43.03,
      volume: 195_000_000,
      avgVolume20: 30_000_000,
      volumeSpikeRatio: 6.5,
      rsi14: 81,
      momentum: 0.52,
      volumeConsistency: 0.8,
      atr14: 6.1,
      barsAvailable: 250,
    },
    shortInterest: {
      settlementDate: '2020-12-31',
      publishedOn: '2021-01-12',
      sharesShort: 68_000_000,
      percentOfFloat: 1.2,
      daysToCover: 4.2,
      changePct: 0.05,
      ageDays: 14,
      quality: 0.9,
    },
    shortVolume: { date: asOf, shortRatio: 0.61, shortRatioZ60: 2.1, shortExemptShare: 0.01, daysOfHistory: 60 },
    offExchange: null,
    transient: { sentiment24h: null, callPutRatio: null, optionsVolume: null, borrowFeePct: null },
    flags: [],
  };
}

export function candidate(
  symbol: string,
  level: AlertLevel | null,
  asOf: string,
  score = 0.85,
  rank = 1,
): RunCandidates['ranking'][number] {
  return {
    rank,
    symbol,
    metrics: metrics(symbol, asOf),
    result: {
      symbol,
      asOf,
      score,
      fuel: 0.9,
      trigger: 0.7,
      weightSet: 'with_finra',
      missing: ['sentiment_24h'],
      level,
      levelNotes: ['min_sentiment skipped: no sentiment data'],
      components: [
        {
          name: 'finra_short_interest',
          basis: 'percent_of_float',
          raw: 1.2,
          normalised: 1,
          weight: 0.375,
          contribution: 0.375,
        },
        { name: 'volume_spike', raw: 6.5, normalised: 0.9, weight: 0.3125, contribution: 0.28 },
        { name: 'call_put_ratio', raw: 1.1, normalised: 0.4, weight: 0.1875, contribution: 0.075 },
      ],
    },
  };
}

export function runWith(
  asOf: string,
  cands: [symbol: string, level: AlertLevel | null, score?: number][],
  options: Parameters<typeof runRecord>[1] = {},
): RunCandidates {
  const ranking = cands.map(([s, l, score], i) => candidate(s, l, asOf, score ?? 0.85, i + 1));
  return { run: runRecord(asOf, options), ranking, scored: ranking };
}

/** A symbol's metrics with nothing held: every figure null, no flags. */
export function bareMetrics(symbol: string, asOf: string): SymbolMetrics {
  return {
    symbol,
    asOf,
    volume: null,
    shortInterest: null,
    shortVolume: null,
    offExchange: null,
    transient: { sentiment24h: null, callPutRatio: null, optionsVolume: null, borrowFeePct: null },
    flags: [],
  };
}
