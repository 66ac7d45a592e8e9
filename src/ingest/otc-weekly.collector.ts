import { createMarketDataRepo } from '../db/repos/market-data.repo';
import type { OtcTier } from '../domain/market-data';
import { otcWeekPublicationDate } from '../market/finra-calendar';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// OTC transparency, weekly and late: Tier 1 two weeks after the week, Tier 2 and OTC four weeks.
// Only symbol totals are fetched (ATS_W_SMBL, OTC_W_SMBL): per-firm rows would double count.

const TIERS: OtcTier[] = ['T1', 'T2', 'OTC'];
const SUMMARY_TYPES = ['ATS_W_SMBL', 'OTC_W_SMBL'];

export function createOtcWeeklyCollector(deps: IngestDeps) {
  const repo = createMarketDataRepo(deps.db);

  return {
    async collect(weekStart: string, asOf: string): Promise<IngestOutcome> {
      const published = TIERS.filter((t) => otcWeekPublicationDate(weekStart, t) <= asOf);
      if (published.length === 0) {
        return {
          dataset: 'otc', date: weekStart, status: 'skipped', rows: 0, origin: '-', ms: 0,
          note: `not published yet: Tier 1 data for the week of ${weekStart} comes on ${otcWeekPublicationDate(weekStart, 'T1')}`,
        };
      }
      const origin = 'finra api weeklySummary';
      return recordAttempt(deps, 'otc', weekStart, origin, async () => {
        const records = (await deps.providers.finraApi.weeklySummary({ weekStart, summaryTypes: SUMMARY_TYPES })).filter((r) =>
          published.includes(r.tier),
        );
        const rows = repo.transaction(() => repo.upsertOtcWeekly(records));
        const pending = TIERS.filter((t) => !published.includes(t));
        return {
          status: rows ? 'ok' : 'missing',
          rows,
          origin,
          note: pending.length ? `tiers ${pending.join(', ')} not published until ${otcWeekPublicationDate(weekStart, pending[0]!)}` : undefined,
        };
      });
    },
  };
}
