import type { Config } from '../config/schema';
import type { Repos } from '../db/repos';
import { asOfNow, writtenBy, type AsOf } from '../market/as-of';
import { freshnessAsOf } from './freshness-as-of';
import { dataCause, type DataCause } from './data-cause';

// The one read behind data-cause.ts: provider health rows, each dataset's newest day and the configured
// base URLs (hosts are named as configured, so a local mirror is named as the mirror). Two indexed reads.

/**
 * provider_health holds each provider's latest state only: a row written after the day says nothing
 * about that day, so a /status for a past day leaves it out.
 */
export function knownProviders<P extends { updatedAt: string }>(rows: P[], asOf: AsOf): P[] {
  return rows.filter((p) => writtenBy(asOf, p.updatedAt));
}

export function readDataCause(
  repos: Pick<Repos, 'providerHealth' | 'datasetStatus'>,
  config: Config,
  now: Date,
  asOf: AsOf = asOfNow(now),
): DataCause {
  const baseUrls: Record<string, string> = {};
  for (const [name, section] of Object.entries(config.providers)) baseUrls[name] = section.base_url;
  return dataCause({
    providers: knownProviders(repos.providerHealth.all(), asOf),
    freshness: freshnessAsOf(repos.datasetStatus, asOf, now),
    baseUrls,
  });
}
