import { shortInterestPublicationDate } from '../market/finra-calendar';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';
import { collectFinraSettlement, firstFinraOrigin } from './short-interest-finra.step';
import { scoreShortInterestQuality } from './short-interest-quality.step';
import { collectYahooStats } from './yahoo-stats.step';

// Short interest, twice a month: the whole market for one settlement date from FINRA (Query API or
// the CDN file, see short-interest-finra.step.ts), then Yahoo's key statistics for the short list as a
// cross-check, then a quality score per symbol. Nothing is fetched before FINRA's publication day.

export function createShortInterestCollector(deps: IngestDeps) {
  return {
    async collect(settlementDate: string, shortList: string[], asOf: string): Promise<IngestOutcome[]> {
      const config = deps.settings.current();
      const publication = shortInterestPublicationDate(settlementDate);
      if (publication > asOf) {
        return [
          {
            dataset: 'shortinterest',
            date: settlementDate,
            status: 'skipped',
            rows: 0,
            origin: '-',
            ms: 0,
            note: `not published yet: FINRA publishes the ${settlementDate} settlement on ${publication}`,
          },
        ];
      }
      const out: IngestOutcome[] = [];
      out.push(
        await recordAttempt(deps, 'shortinterest', settlementDate, firstFinraOrigin(deps), () =>
          collectFinraSettlement(deps, settlementDate),
        ),
      );
      // the float Yahoo states is what % of float is computed on, for the short list
      if (config.short_interest.yahoo_enabled && shortList.length > 0)
        out.push(await collectYahooStats(deps, shortList, { settlementDate, asOf }));
      const scored = scoreShortInterestQuality(deps, settlementDate, asOf);
      deps.logger.info({ settlementDate, scored }, 'short-interest quality scored');
      return out;
    },
  };
}
