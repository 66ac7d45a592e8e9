import type { OptionsSnapshot } from '../domain/short-supply';
import { errorMessage } from '../shared/errors';
import type { IngestDeps, IngestOutcome } from './ingest-deps';
import { recordAttempt } from './record-attempt';

// The options chain's summary for the short list: one Cboe request per symbol (paced by the HTTP client's
// cboe_calls_per_minute), so the budget of a run is the short list's size. A symbol without listed options
// is an answer, not a failure; the batch goes on when one symbol fails and says which.

const ORIGIN = 'cboe delayed quotes';

export function createOptionsCollector(deps: IngestDeps) {
  const repo = deps.repos.options;
  return {
    async collect(shortList: string[], day: string): Promise<IngestOutcome> {
      return recordAttempt(deps, 'options', day, ORIGIN, async () => {
        if (shortList.length === 0)
          return { status: 'skipped', rows: 0, origin: ORIGIN, note: 'no short list: pass --symbols' };
        const snapshots: OptionsSnapshot[] = [];
        const failed: { key: string; error: string }[] = [];
        let none = 0;
        for (const symbol of shortList) {
          try {
            const got = await deps.providers.cboe.chain(symbol);
            if (got.status === 'ok') snapshots.push(got.snapshot);
            else none++;
          } catch (err) {
            failed.push({ key: symbol, error: errorMessage(err) });
          }
        }
        const rows = repo.upsert(snapshots);
        const note = [
          `${shortList.length} requests`,
          none ? `${none} without listed options` : null,
          snapshots.some((s) => s.date !== day)
            ? `chain dates ${[...new Set(snapshots.map((s) => s.date))].join(', ')}`
            : null,
        ]
          .filter(Boolean)
          .join('; ');
        if (failed.length === shortList.length) return { status: 'failed', rows, origin: ORIGIN, failed, note };
        return { status: rows ? 'ok' : 'empty', rows, origin: ORIGIN, failed, note };
      });
    },
  };
}
