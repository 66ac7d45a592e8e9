import type { SymbolRecord } from '../domain/market-data';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// The universe, weekly. With an FMP key its screener is the whole universe in one request (market
// cap, sector, ETF and fund flags, exchange). Without one, or when FMP fails, the keyless Nasdaq
// Trader directory (two files: every listed symbol with ETF and test-issue flags, no market cap).

export function createUniverseCollector(deps: IngestDeps) {
  const repo = deps.repos.marketData;
  const { nasdaqTrader, fmp } = deps.providers;

  async function fromFmp(): Promise<SymbolRecord[]> {
    const f = deps.settings.current().universe_loader.filters;
    // the whole listed market; the pipeline applies the configured cap and volume filters itself
    return fmp!.screener({ marketCapMoreThan: 0, exchange: f.exchanges, limit: 100_000 });
  }

  return {
    async collect(): Promise<IngestOutcome> {
      const origin = fmp ? 'fmp screener' : 'nasdaq directory';
      return recordAttempt(deps, 'universe', null, origin, async () => {
        let fallbackNote: string | undefined;
        if (fmp) {
          try {
            const records = await fromFmp();
            if (records.length === 0) throw new Error('the screener returned no symbols');
            const rows = repo.transaction(() => repo.upsertSymbols(records));
            return { status: 'ok', rows, origin };
          } catch (err) {
            fallbackNote = `fmp screener failed (${errorMessage(err)}); fell back to the nasdaq directory`;
            deps.logger.warn({ err: errorMessage(err) }, 'universe fallback');
          }
        }
        const dir = await nasdaqTrader.directory();
        const rows = repo.transaction(() => repo.upsertSymbols(dir.records));
        return {
          status: rows ? 'ok' : 'empty',
          rows,
          origin: 'nasdaq directory',
          checksum: dir.checksum,
          note: fallbackNote,
        };
      });
    },
  };
}
