import type { Repos } from '../db/repos';
import type { ShortInterestRecord } from '../domain/market-data';
import { assessShortInterestQuality } from '../signals/short-interest-quality';
import type { Clock } from '../shared/clock';

/**
 * Scores every FINRA figure of one settlement against the previous report and Yahoo's, and stores
 * the scores. Returns how many were scored.
 */
export function scoreShortInterestQuality(
  deps: { repos: Repos; clock: Clock },
  settlementDate: string,
  asOf: string,
): number {
  const repo = deps.repos.shortInterest;
  const finra = repo.bySettlement(settlementDate, 'finra');
  if (finra.length === 0) return 0;
  const previous = new Map(repo.previousFinra(settlementDate).map((r) => [r.symbol, r]));
  const yahoo = new Map(repo.yahooNear(settlementDate).map((r) => [r.symbol, r]));
  const computedAt = deps.clock.now().toISOString();
  repo.transaction(() => {
    for (const record of finra) {
      const q = assessShortInterestQuality({
        record,
        previous: previous.get(record.symbol) ?? null,
        yahoo: yahoo.get(record.symbol) ?? null,
        asOf,
      });
      repo.upsertQuality({ symbol: record.symbol, settlementDate, ...q, computedAt });
    }
  });
  return finra.length;
}

export type { ShortInterestRecord };
