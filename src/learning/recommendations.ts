import type { TrackedInsert } from '../db/repos/learning.repo';
import type { AlertLevel, ScoreResult } from '../signals/metric-types';
import { featuresOf, thesisOf, type MetricsLike } from './features';

// Which names of a day become tracked recommendations (pure): every alert raised after cooldowns, and
// the day's top `topN` ranked names. One per origin, day and symbol; an alert wins over a plain rank.

export interface RankedLike {
  rank: number;
  symbol: string;
  result: Pick<ScoreResult, 'score' | 'fuel' | 'trigger' | 'level' | 'components'>;
  metrics: MetricsLike & { volume?: { close: number } | null };
}

export interface DayInput {
  origin: 'live' | 'backtest';
  asOf: string;
  runId: string | null;
  discoveredAt: string | null;
  ranking: readonly RankedLike[];
  scored: readonly RankedLike[];
  /** the day's alerts after cooldowns; alertId null in a backtest */
  alerts: readonly { symbol: string; alertId: number | null; level: AlertLevel }[];
  topN: number;
}

export function trackingId(origin: string, asOf: string, symbol: string): string {
  return `rec_${origin}_${asOf.replaceAll('-', '')}_${symbol}`;
}

export function recommendationsOf(day: DayInput): TrackedInsert[] {
  const bySymbol = new Map(day.scored.map((r) => [r.symbol, r]));
  for (const r of day.ranking) if (!bySymbol.has(r.symbol)) bySymbol.set(r.symbol, r);
  const out = new Map<string, TrackedInsert>();
  const add = (r: RankedLike, alert: DayInput['alerts'][number] | null) => {
    const price = r.metrics.volume?.close;
    if (typeof price !== 'number' || !(price > 0) || out.has(r.symbol)) return;
    out.set(r.symbol, {
      id: trackingId(day.origin, day.asOf, r.symbol),
      origin: day.origin,
      symbol: r.symbol,
      asOf: day.asOf,
      discoveredAt: day.discoveredAt,
      runId: day.runId,
      reason: alert ? 'alert' : 'ranked',
      alertId: alert?.alertId ?? null,
      rank: r.rank,
      price,
      score: r.result.score,
      fuel: r.result.fuel,
      trigger: r.result.trigger,
      level: alert ? alert.level : r.result.level,
      features: { ...featuresOf(r.metrics, r.result) },
      thesis: thesisOf(r.result),
      status: 'tracking',
    });
  };
  for (const a of day.alerts) {
    const r = bySymbol.get(a.symbol);
    if (r) add(r, a);
  }
  for (const r of day.ranking.slice(0, day.topN)) add(r, null);
  return [...out.values()];
}
