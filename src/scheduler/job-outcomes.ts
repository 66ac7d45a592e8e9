import type { IngestOutcome } from '../ingest/ingest-deps';
import type { JobOutcome } from './job-types';

// Collector outcomes as a job's result: a failed step fails the run (the scheduler retries it), a file
// FINRA has not posted yet makes it pending (retried until retry_until, or on the following days), and
// nothing to fetch is a skip.

export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
}

/**
 * `primaryDate`: the day the run is for; a missing file of another day (the re-fetch of yesterday's
 * FINRA file) does not make the run pending.
 */
export function fromIngest(
  outcomes: IngestOutcome[],
  options: { primaryDate?: string; nothingNote?: string } = {},
): JobOutcome {
  const nothingNote = options.nothingNote ?? 'nothing new to fetch';
  const stats: Record<string, unknown> = {
    rows: outcomes.reduce((n, o) => n + o.rows, 0),
    steps: outcomes.map(
      (o) =>
        `${o.dataset} ${o.date ?? '-'} ${o.status}${o.failed?.length ? ` (${o.failed.length} symbols failed)` : ''}`,
    ),
  };
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) {
    throw new JobFailedError(
      failed.map((o) => `${o.dataset} ${o.date ?? ''}: ${o.note ?? 'failed'}`.trim()).join('; '),
    );
  }
  if (!outcomes.length) return { status: 'skipped', stats, note: nothingNote };
  const missing = outcomes.filter(
    (o) => o.status === 'missing' && (!options.primaryDate || o.date === options.primaryDate),
  );
  if (missing.length) {
    return {
      status: 'pending',
      stats,
      note: missing.map((o) => `${o.dataset} ${o.date ?? ''} not published yet`.replace(/ +/g, ' ')).join('; '),
    };
  }
  if (outcomes.every((o) => o.status === 'skipped'))
    return { status: 'skipped', stats, note: outcomes[0]!.note ?? nothingNote };
  return { status: 'ok', stats };
}
