import type { ShareCounts } from '../db/repos/market-data.repo';
import type { ShortInterestRecord } from '../domain/market-data';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt, type AttemptResult } from './record-attempt';

// Yahoo's key statistics for a list of names, one request each (paced by the provider's limiter): the
// float and shares outstanding that % of float is computed on, and Yahoo's own short-interest figure as a
// cross-check of FINRA's. The short-interest collector runs it for the short list on settlement days,
// the scan's history fill for names new to the list.

export const YAHOO_STATS_ORIGIN = 'yahoo key statistics';

/** One attempt recorded under the settlement it cross-checks (the short-interest collector). */
export function collectYahooStats(
  deps: IngestDeps,
  symbols: string[],
  attempt: { settlementDate: string; asOf: string },
): Promise<IngestOutcome> {
  return recordAttempt(deps, 'shortinterest', attempt.settlementDate, YAHOO_STATS_ORIGIN, () =>
    fetchYahooStats(deps, symbols, attempt.asOf),
  );
}

/**
 * The fetch and store alone, recorded by no dataset's status: the history fill is no settlement's attempt
 * and must not make short interest look fresh.
 */
export async function fetchYahooStats(deps: IngestDeps, symbols: string[], asOf: string): Promise<AttemptResult> {
  const repo = deps.repos.marketData;
  const failed: { key: string; error: string }[] = [];
  const got: ShortInterestRecord[] = [];
  const counts: ShareCounts[] = [];
  for (const symbol of symbols) {
    try {
      const stats = await deps.providers.yahoo.keyStatistics(symbol);
      if (stats.shortInterest) got.push(stats.shortInterest);
      counts.push({
        symbol,
        floatShares: stats.floatShares,
        sharesOutstanding: stats.sharesOutstanding,
        source: 'yahoo',
        asOf,
      });
    } catch (err) {
      failed.push({ key: symbol, error: errorMessage(err) });
    }
  }
  const rows = repo.transaction(() => {
    repo.upsertShareCounts(counts);
    return repo.upsertShortInterest(got);
  });
  if (failed.length === symbols.length) return { status: 'failed', rows, origin: YAHOO_STATS_ORIGIN, failed };
  return { status: rows ? 'ok' : 'empty', rows, origin: YAHOO_STATS_ORIGIN, failed };
}
