import type { OutcomeUpdate } from '../db/repos/learning.repo';
import { tradingDayDistance } from '../market/trading-calendar';
import type { CloseSource } from './close-series';
import { pathAfter } from './close-series';
import { trackOutcome, type OutcomeThresholds } from './outcome';

// The daily checkpoint for every open recommendation at once (pure): its closes after discovery up to
// `asOf`, through trackOutcome, into the row update. A recommendation whose 30 sessions are over is
// completed and never read again.

export type OpenRecommendation = readonly [id: string, symbol: string, asOf: string, price: number];

export function checkpointUpdates(
  open: readonly OpenRecommendation[],
  closes: CloseSource,
  asOf: string,
  t: OutcomeThresholds,
): OutcomeUpdate[] {
  const out = new Array<OutcomeUpdate>(open.length);
  for (let i = 0; i < open.length; i++) {
    const [id, symbol, discovered, price] = open[i]!;
    const s = trackOutcome(
      price,
      pathAfter(closes.get(symbol), discovered, asOf),
      tradingDayDistance(discovered, asOf),
      t,
    );
    const c = s.checkpoints;
    out[i] = {
      id,
      price1d: c[1]?.price ?? null,
      return1d: c[1]?.return ?? null,
      price7d: c[7]?.price ?? null,
      return7d: c[7]?.return ?? null,
      price14d: c[14]?.price ?? null,
      return14d: c[14]?.return ?? null,
      price30d: c[30]?.price ?? null,
      return30d: c[30]?.return ?? null,
      lastPrice: s.last?.price ?? null,
      lastReturn: s.last?.return ?? null,
      daysTracked: s.daysTracked,
      peakPrice: s.peakPrice,
      peakReturn: s.peakReturn,
      daysToPeak: s.daysToPeak,
      maxDrawdown: s.maxDrawdown,
      outcome: s.outcome,
      success: s.success,
      failure: s.failure,
      status: s.completed ? 'completed' : 'tracking',
    };
  }
  return out;
}
