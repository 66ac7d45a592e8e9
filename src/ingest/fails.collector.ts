import {
  failsFileId,
  failsPeriodEnd,
  failsPeriodOf,
  latestExpectedFailsPeriod,
  nextFailsPeriod,
  previousFailsPeriod,
  type FailsPeriod,
} from '../market/sec-fails-calendar';
import { lastTradingDayOnOrBefore, marketDateAt } from '../market/trading-calendar';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// The SEC's fails-to-deliver, one half-month file an attempt (its own line in dataset_status, origin the
// file id), so the next run asks only for what is still missing. A downloaded file replaces what was
// held of it (an excerpt imported before, a revised file). A 404 is `missing`: not published yet.

/** Half months the daily job looks at: the newest one due and the one before (a file late or missed). */
export const FAILS_CATCH_UP_PERIODS = 2;

/** The settlement day an attempt is dated by: the half month's last trading day. */
export function failsAttemptDate(p: FailsPeriod): string {
  return lastTradingDayOnOrBefore(failsPeriodEnd(p));
}

export function createFailsCollector(deps: IngestDeps) {
  const repo = deps.repos.fails;
  const status = deps.repos.datasetStatus;

  async function collect(period: FailsPeriod): Promise<IngestOutcome> {
    const file = failsFileId(period);
    return recordAttempt(deps, 'fails', failsAttemptDate(period), file, async () => {
      const got = await deps.providers.sec.fails(period);
      if (got.status === 'missing') return { status: 'missing', rows: 0, origin: file, note: got.reason };
      const rows = repo.replaceFile(file, got.rows);
      return { status: rows ? 'ok' : 'empty', rows, origin: file };
    });
  }

  /** A full file held (fetched or imported; an excerpt does not count). */
  function held(p: FailsPeriod): boolean {
    return (
      status.heldDates('fails', [failsAttemptDate(p)], { like: `%${failsFileId(p)}%`, notLike: '%meme-symbols%' })
        .size > 0
    );
  }

  /**
   * The daily job: the newest half month whose file may be out by `now` (its end + 14 days) and the one
   * before, each asked for only while not held: one or two requests a run, none once both are in.
   */
  async function catchUp(now: Date): Promise<IngestOutcome[]> {
    const newest = latestExpectedFailsPeriod(marketDateAt(now));
    const periods: FailsPeriod[] = [];
    for (let p = newest, i = 0; i < FAILS_CATCH_UP_PERIODS; i++, p = previousFailsPeriod(p)) periods.unshift(p);
    const out: IngestOutcome[] = [];
    for (const p of periods) if (!held(p)) out.push(await collect(p));
    return out;
  }

  /** Every half month whose settlement days meet [from, to] (`squeezebot ingest fails --from --to`). */
  async function collectRange(from: string, to: string): Promise<IngestOutcome[]> {
    const out: IngestOutcome[] = [];
    const last = failsFileId(failsPeriodOf(to));
    for (let p = failsPeriodOf(from); ; p = nextFailsPeriod(p)) {
      out.push(await collect(p));
      if (failsFileId(p) === last) break;
    }
    return out;
  }

  return { collect, catchUp, collectRange };
}
