import { OFFLINE_AFTER_FAILURES, type BackfillPlan, type BackfillResult } from './backfill.service';
import type { IngestOutcome } from './ingest-deps';

// How a finished backfill is told, in the same words on the terminal and in the Telegram progress
// message: the requests made against the printed budget, the rows stored, what failed and why it
// stopped early; and, where every outcome line is too much (a chat message), what was fetched by dataset.

/** `backfill: 10 of 10 requests, 1234 rows stored; nothing failed` (+ why it stopped early). */
export function backfillSummary(plan: BackfillPlan, result: BackfillResult): string {
  const rows = result.outcomes.reduce((n, o) => n + o.rows, 0);
  const failed = result.outcomes.filter((o) => o.status === 'failed').length;
  const why =
    result.stopped === 'aborted'
      ? ' — stopped: run it again to fetch the rest'
      : result.stopped === 'offline'
        ? ` — stopped after ${OFFLINE_AFTER_FAILURES} failures in a row (network down?): run it again later`
        : '';
  // a screener answer that failed (its check, or the wire) was asked again — per exchange, or by the
  // bars step that meant to share it: said, not hidden
  const extra = result.unplanned
    ? ` (${result.unplanned} screener ${result.unplanned === 1 ? 'request' : 'requests'} more than planned: a failed answer was asked again, see the log)`
    : '';
  return `backfill: ${result.requests} of ${plan.total} requests${extra}, ${rows} rows stored; ${failed ? `${failed} failed` : 'nothing failed'}${why}`;
}

const LABELS: Record<string, [one: string, many: string]> = {
  shortvol: ['short-volume file', 'short-volume files'],
  shortinterest: ['short-interest file', 'short-interest files'],
  universe: ['universe', 'universes'],
  bars: ['day of screener bars', 'days of screener bars'],
};

/** `fetched: 3 short-volume files (2400 rows), 2 short-interest files (12 rows), universe (900 rows)`; '' for nothing. */
export function fetchedLine(outcomes: readonly IngestOutcome[]): string {
  const by = new Map<string, { n: number; rows: number }>();
  for (const o of outcomes) {
    // an empty FINRA day was fetched too (a holiday file): it counts, a failure does not
    if (o.status !== 'ok' && o.status !== 'empty') continue;
    const got = by.get(o.dataset) ?? { n: 0, rows: 0 };
    by.set(o.dataset, { n: got.n + 1, rows: got.rows + o.rows });
  }
  const parts = [...by].map(([dataset, { n, rows }]) => {
    const [one, many] = LABELS[dataset] ?? [dataset, dataset];
    const what = n === 1 ? (dataset === 'universe' ? one : `1 ${one}`) : `${n} ${many}`;
    return `${what} (${rows} rows)`;
  });
  return parts.length ? `fetched: ${parts.join(', ')}` : '';
}
