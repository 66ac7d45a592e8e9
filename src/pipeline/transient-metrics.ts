import type { Settings } from '../config/settings';
import type { FinnhubClient } from '../providers/finnhub/client';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { TransientMetrics } from '../signals/metric-types';
import { NO_TRANSIENT } from './pipeline-source';

// Metrics that exist only "now" (social sentiment; options and borrow fees when a source gives them):
// fetched per deep-scanned symbol in live runs of the current day, never in a run as of a past date
// (today's crowd says nothing about last January). Missing is normal: no key, no data, or a failed
// call all read as null, and the score spreads those weights over the inputs present.

export function createTransientSource(deps: {
  finnhub?: FinnhubClient;
  settings: Settings;
  clock: Clock;
  logger: Logger;
}) {
  const { finnhub } = deps;
  if (!finnhub) return undefined;
  return async (symbol: string): Promise<TransientMetrics> => {
    const now = deps.clock.now();
    const since = new Date(
      now.getTime() - deps.settings.current().deep_scan.metrics.sentiment_lookback_hours * 3_600_000,
    );
    try {
      const points = await finnhub.socialSentiment(
        symbol,
        since.toISOString().slice(0, 10),
        now.toISOString().slice(0, 10),
      );
      const recent = points.filter((p) => Date.parse(p.atTime) >= since.getTime() && Number.isFinite(p.score));
      const mentions = recent.reduce((a, p) => a + Math.max(0, p.mention), 0);
      // mention-weighted: an hour with 500 posts says more than an hour with 2
      const sentiment =
        mentions > 0 ? recent.reduce((a, p) => a + p.score * Math.max(0, p.mention), 0) / mentions : null;
      return { ...NO_TRANSIENT, sentiment24h: sentiment };
    } catch (err) {
      deps.logger.warn({ symbol, err: (err as Error).message }, 'sentiment unavailable');
      return NO_TRANSIENT;
    }
  };
}
