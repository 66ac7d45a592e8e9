import type { SymbolRecord } from '../domain/market-data';
import { marketDateAt } from '../market/trading-calendar';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';
import { createScreenerSnapshots, type ScreenerSnapshots } from './screener-snapshot.cache';
import { mergeUniverse, snapshotSymbols } from './screener.map';

// The universe, weekly. With an FMP key its screener is the whole universe in one request (market
// cap, sector, ETF and fund flags, exchange). Without one, or when FMP fails, the keyless pair: the
// Nasdaq stock screener (market cap, sector, industry of every listed stock) merged over the Nasdaq
// Trader directory (every listed symbol with ETF and test-issue flags, no market cap). Either of the
// two alone still makes a universe, and says what it lacks.

export function createUniverseCollector(
  deps: IngestDeps,
  snapshots: ScreenerSnapshots = createScreenerSnapshots(deps),
) {
  const repo = deps.repos.marketData;
  const { nasdaqTrader, fmp } = deps.providers;

  async function fromFmp(): Promise<SymbolRecord[]> {
    const f = deps.settings.current().universe_loader.filters;
    // the whole listed market; the pipeline applies the configured cap and volume filters itself
    return fmp!.screener({ marketCapMoreThan: 0, exchange: f.exchanges, limit: 100_000 });
  }

  async function keyless(notes: string[]) {
    let screener: SymbolRecord[] | null = null;
    try {
      const snapshot = await snapshots.get();
      screener = snapshotSymbols(snapshot, marketDateAt(new Date(snapshot.takenAt)));
    } catch (err) {
      notes.push(`nasdaq screener failed (${errorMessage(err)}): no market caps this time`);
      deps.logger.warn({ err: errorMessage(err) }, 'universe without the screener');
    }
    let directory: Awaited<ReturnType<typeof nasdaqTrader.directory>> | null = null;
    try {
      directory = await nasdaqTrader.directory();
    } catch (err) {
      if (!screener) throw err;
      notes.push(`nasdaq directory failed (${errorMessage(err)}): ETF and test-issue flags kept as held`);
      deps.logger.warn({ err: errorMessage(err) }, 'universe without the directory');
    }
    const rows = repo.transaction(() =>
      directory
        ? repo.upsertSymbols(mergeUniverse(screener ?? [], directory.records))
        : // without the directory's flags a full upsert would clear the flags held: fundamentals only
          repo.upsertFundamentals(screener!),
    );
    const origin = [screener && 'nasdaq screener', directory && 'nasdaq directory'].filter(Boolean).join(' + ');
    return { rows, origin, checksum: directory?.checksum };
  }

  return {
    async collect(): Promise<IngestOutcome> {
      const origin = fmp ? 'fmp screener' : 'nasdaq screener + directory';
      return recordAttempt(deps, 'universe', null, origin, async () => {
        const notes: string[] = [];
        if (fmp) {
          try {
            const records = await fromFmp();
            if (records.length === 0) throw new Error('the screener returned no symbols');
            const rows = repo.transaction(() => repo.upsertSymbols(records));
            return { status: 'ok', rows, origin };
          } catch (err) {
            notes.push(`fmp screener failed (${errorMessage(err)}); fell back to the nasdaq screener and directory`);
            deps.logger.warn({ err: errorMessage(err) }, 'universe fallback');
          }
        }
        const got = await keyless(notes);
        return {
          status: got.rows ? 'ok' : 'empty',
          rows: got.rows,
          origin: got.origin,
          checksum: got.checksum,
          note: notes.length ? notes.join('; ') : undefined,
        };
      });
    },
  };
}
