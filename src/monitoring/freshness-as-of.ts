import type { DatasetStatusRepo } from '../db/repos/dataset-status.repo';
import { judgedAt, type AsOf } from '../market/as-of';
import { assessAllFreshness, type Freshness } from '../signals/freshness';

// Every dataset's freshness as it stood on a day: the newest date published by that day, judged against
// that day's calendar (at `now` for today, at the day's end for a past one). /status, the reports,
// doctor and the data-cause sentence all read this, so none of them can call a later file current.
export function freshnessAsOf(datasets: Pick<DatasetStatusRepo, 'newestDate'>, asOf: AsOf, now: Date): Freshness[] {
  return assessAllFreshness((d) => datasets.newestDate(d, asOf), judgedAt(asOf, now));
}
