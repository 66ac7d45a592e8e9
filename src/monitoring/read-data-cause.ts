import type { Config } from '../config/schema';
import type { Repos } from '../db/repos';
import { assessAllFreshness } from '../signals/freshness';
import { dataCause, type DataCause } from './data-cause';

// The one read behind data-cause.ts: provider health rows, each dataset's newest day and the configured
// base URLs (hosts are named as configured, so a local mirror is named as the mirror). Two indexed reads.

export function readDataCause(
  repos: Pick<Repos, 'providerHealth' | 'datasetStatus'>,
  config: Config,
  now: Date,
): DataCause {
  const baseUrls: Record<string, string> = {};
  for (const [name, section] of Object.entries(config.providers)) baseUrls[name] = section.base_url;
  return dataCause({
    providers: repos.providerHealth.all(),
    freshness: assessAllFreshness((d) => repos.datasetStatus.newestDate(d), now),
    baseUrls,
  });
}
