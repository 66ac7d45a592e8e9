import { lastTradingDayOnOrBefore, marketDateAt, previousTradingDay } from '../market/trading-calendar';
import type { StockLoanFetch } from '../providers/ibkr/client';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// One snapshot of IBKR's stock-loan file: one FTP download, the whole US market's borrow fee, rebate and
// shares available, stored as changes against the snapshot before (borrow.repo.ts). The attempt is
// recorded under the market date of the file's own #BOF stamp, so freshness says how new the figures are,
// not when the job ran. A stamp already held (IBKR has not rewritten the file since) stores nothing; an
// outage is a `failed` attempt and the figures held stay, flagged stale by their age.

const ORIGIN = 'ibkr stock-loan file';

export function createBorrowCollector(deps: IngestDeps) {
  const repo = deps.repos.borrow;
  return {
    snapshot,
    /**
     * `ingest borrow [--date D]`: the file has no history, so only the current snapshot can be had; a
     * past day comes from a saved usa.txt through `squeezebot import`.
     */
    async forRange(range: { from: string; to: string }): Promise<IngestOutcome> {
      const session = lastTradingDayOnOrBefore(marketDateAt(deps.clock.now()));
      if (range.from !== range.to || range.to < previousTradingDay(session)) {
        const note = `IBKR serves only the current file: a past day comes from a saved usa.txt (squeezebot import)`;
        return { dataset: 'borrow', date: range.to, status: 'skipped', rows: 0, origin: '-', note, ms: 0 };
      }
      return snapshot();
    },
  };

  async function snapshot(): Promise<IngestOutcome> {
    let got: StockLoanFetch | undefined;
    let failure: unknown;
    try {
      got = await deps.providers.ibkr.fetchStockLoan();
    } catch (err) {
      failure = err;
    }
    const date = got?.publishedOn ?? marketDateAt(deps.clock.now());
    return recordAttempt(deps, 'borrow', date, `${ORIGIN} ${got?.url ?? ''}`.trim(), async () => {
      if (!got) throw failure;
      const origin = `${ORIGIN} ${got.url}`;
      const stored = repo.storeSnapshot({
        takenAt: got.takenAt,
        publishedOn: got.publishedOn,
        source: 'ibkr',
        rows: got.records,
      });
      if (!stored.newStamp) {
        const note = `taken ${got.takenAt}, as the last snapshot stored: nothing new`;
        return { status: 'empty', rows: 0, origin, note };
      }
      const note = [
        `taken ${got.takenAt}`,
        `${got.records.length} lines, ${stored.rows} changed`,
        stored.gone ? `${stored.gone} left the file` : null,
        `md5 ${got.md5}`,
      ]
        .filter(Boolean)
        .join('; ');
      return { status: 'ok', rows: stored.rows, origin, note };
    });
  }
}
