import type { Facility } from '../domain/market-data';
import { addTradingDays, isTradingDay, holidayName } from '../market/trading-calendar';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// Whole market by date: one FINRA file per facility per trading day. Each file is stored in one
// transaction, so a crash never leaves half a day.

export function createShortVolumeCollector(deps: IngestDeps) {
  const repo = deps.repos.marketData;

  async function fetchFile(facility: Facility, date: string): Promise<IngestOutcome> {
    return recordAttempt(deps, 'shortvol', date, `finra file ${facility}`, async () => {
      const got = await deps.providers.finraFiles.fetchShortVolume(facility, date);
      if (got.status === 'missing') {
        return {
          status: 'missing',
          rows: 0,
          origin: got.url,
          note: `not posted (HTTP ${got.httpStatus}): ${got.reason}`,
        };
      }
      const rows = repo.transaction(() => repo.upsertShortVolume(got.records));
      return {
        status: rows ? 'ok' : 'empty',
        rows,
        origin: got.url,
        checksum: got.checksum,
        note: facility === 'CNMS' ? undefined : facility,
      };
    });
  }

  return {
    /** One facility's file for one day: the backfill fetches only the consolidated (CNMS) files. */
    collectFile: fetchFile,
    /** Every configured facility's file for one trading day. */
    async collect(date: string): Promise<IngestOutcome[]> {
      if (!isTradingDay(date)) return [skippedDay('shortvol', date)];
      const out: IngestOutcome[] = [];
      for (const facility of deps.settings.current().finra_collector.facilities)
        out.push(await fetchFile(facility, date));
      return out;
    },
    /**
     * The daily job: today's files, and yesterday's consolidated file once more because FINRA
     * sometimes re-posts a corrected ("Updated") file the next day.
     */
    async collectDaily(date: string): Promise<IngestOutcome[]> {
      const out = await this.collect(date);
      if (deps.settings.current().finra_collector.refetch_previous_day && isTradingDay(date)) {
        out.push(await fetchFile('CNMS', addTradingDays(date, -1)));
      }
      return out;
    },
  };
}

export function skippedDay(dataset: IngestOutcome['dataset'], date: string): IngestOutcome {
  const why = holidayName(date) ?? (isWeekend(date) ? 'a weekend' : 'not a trading day');
  return {
    dataset,
    date,
    status: 'skipped',
    rows: 0,
    origin: '-',
    note: `${date} is ${why === 'a weekend' || why === 'not a trading day' ? why : `a market holiday (${why})`}: no trading, nothing to fetch`,
    ms: 0,
  };
}

function isWeekend(date: string): boolean {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}
