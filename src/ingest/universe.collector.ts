import { createMarketDataRepo } from '../db/repos/market-data.repo';
import type { SymbolRecord } from '../domain/market-data';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// The universe: the Nasdaq Trader directory (keyless: every listed symbol with ETF and test-issue
// flags) merged with the FMP screener when keyed (market cap, sector). Two or three requests a week.

export function createUniverseCollector(deps: IngestDeps) {
  const repo = createMarketDataRepo(deps.db);
  const { nasdaqTrader, fmp } = deps.providers;

  return {
    async collect(): Promise<IngestOutcome> {
      return recordAttempt(deps, 'universe', null, fmp ? 'nasdaq directory + fmp screener' : 'nasdaq directory', async () => {
        const bySymbol = new Map<string, SymbolRecord>();
        const notes: string[] = [];
        let checksum: string | undefined;
        try {
          const dir = await nasdaqTrader.directory();
          checksum = dir.checksum;
          for (const r of dir.records) bySymbol.set(r.symbol, r);
        } catch (err) {
          notes.push(`nasdaq directory failed: ${errorMessage(err)}`);
        }
        if (fmp) {
          const f = deps.config.universe_loader.filters;
          try {
            const screened = await fmp.screener({ marketCapMoreThan: 0, exchange: f.exchanges, limit: 10_000 });
            for (const s of screened) {
              const known = bySymbol.get(s.symbol);
              // the directory knows flags best, the screener knows size best
              bySymbol.set(s.symbol, known ? { ...known, marketCap: s.marketCap, sector: s.sector ?? known.sector, source: `${known.source}+fmp` } : s);
            }
          } catch (err) {
            notes.push(`fmp screener failed: ${errorMessage(err)}`);
          }
        }
        if (bySymbol.size === 0) throw new Error(notes.join('; ') || 'no symbols received');
        const rows = repo.transaction(() => repo.upsertSymbols(bySymbol.values()));
        return { status: 'ok', rows, origin: fmp ? 'nasdaq directory + fmp screener' : 'nasdaq directory', checksum, note: notes.join('; ') || undefined };
      });
    },
  };
}
