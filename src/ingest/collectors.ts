import { createBarsCollector } from './bars.collector';
import { createBorrowCollector } from './borrow.collector';
import { createFailsCollector } from './fails.collector';
import type { IngestDeps } from './ingest-deps';
import { createOptionsCollector } from './options.collector';
import { createOtcWeeklyCollector } from './otc-weekly.collector';
import { createScreenerSnapshots } from './screener-snapshot.cache';
import { createShortInterestCollector } from './short-interest.collector';
import { createShortVolumeCollector } from './short-volume.collector';
import { createThresholdCollector } from './threshold.collector';
import { createTradesCollector } from './trades.collector';
import { createUniverseCollector } from './universe.collector';

// Every collector over one set of deps, built once per process and shared by the ingest service and
// the first-start backfill: one screener snapshot then serves the universe and the bars of a session
// whichever of them asks first, so the backfill and the daily update after it do not fetch it twice.

export function createCollectors(deps: IngestDeps) {
  const snapshots = createScreenerSnapshots(deps);
  return {
    universe: createUniverseCollector(deps, snapshots),
    bars: createBarsCollector(deps, snapshots),
    shortVolume: createShortVolumeCollector(deps),
    shortInterest: createShortInterestCollector(deps),
    otc: createOtcWeeklyCollector(deps),
    trades: createTradesCollector(deps),
    threshold: createThresholdCollector(deps),
    options: createOptionsCollector(deps),
    borrow: createBorrowCollector(deps),
    fails: createFailsCollector(deps),
  };
}

export type Collectors = ReturnType<typeof createCollectors>;
