import { OTC_TIERS, type OtcTier } from '../domain/market-data';
import { otcWeekPublicationDate } from '../market/finra-calendar';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// OTC transparency, weekly and late: Tier 1 two weeks after the week, Tier 2 and OTC four weeks.
// Each tier is fetched on its own once it is out, so a week's Tier 1 rows are not held back for a
// month. Only symbol totals (ATS_W_SMBL, OTC_W_SMBL): per-firm rows would double count.

const SUMMARY_TYPES = ['ATS_W_SMBL', 'OTC_W_SMBL'];

export function createOtcWeeklyCollector(deps: IngestDeps) {
  const repo = deps.repos.marketData;

  return {
    async collect(weekStart: string, asOf: string, tiers: readonly OtcTier[] = OTC_TIERS): Promise<IngestOutcome[]> {
      const out: IngestOutcome[] = [];
      for (const tier of tiers) {
        const publication = otcWeekPublicationDate(weekStart, tier);
        if (publication > asOf) {
          out.push({
            dataset: 'otc',
            date: weekStart,
            status: 'skipped',
            rows: 0,
            origin: '-',
            ms: 0,
            note: `${tier} for the week of ${weekStart} is not published until ${publication}`,
          });
          continue;
        }
        const origin = `finra api weeklySummary ${tier}`;
        out.push(
          await recordAttempt(deps, 'otc', weekStart, origin, async () => {
            const fetched = await deps.providers.finraApi.weeklySummary({
              weekStart,
              tier,
              summaryTypes: SUMMARY_TYPES,
            });
            // the filter is also applied here: a replica or a FINRA change that ignores it must not
            // bring per-firm rows in beside the totals (they would be counted twice)
            const records = fetched.filter((r) => SUMMARY_TYPES.includes(r.summaryType));
            const rows = repo.transaction(() => repo.upsertOtcWeekly(records));
            return {
              status: rows ? 'ok' : 'missing',
              rows,
              origin,
              note: rows ? undefined : 'FINRA has no rows for this week and tier yet',
            };
          }),
        );
      }
      return out;
    },
  };
}
