import type { ScreenerSnapshot } from '../domain/market-data';
import {
  earlyClose,
  isAfterTime,
  isTradingDay,
  lastTradingDayOnOrBefore,
  marketDateAt,
} from '../market/trading-calendar';
import { READY_AFTER } from '../signals/freshness';
import type { IngestDeps } from './ingest-deps';

// The Nasdaq screener's snapshot, fetched at most once per session state and a few minutes: the
// universe and the bars of one daily update share it (one request, or one per exchange, never twice),
// a snapshot taken during a session is never served as that session's close, and a later run the same
// evening fetches afresh (volumes keep changing after the close).

/** long enough for one daily update, short enough that a later run sees the newer volumes */
export const SNAPSHOT_REUSE_MS = 15 * 60_000;

/** Which session's close a snapshot taken at an instant holds, if any. */
export type SnapshotSession = { date: string; final: true } | { date: null; final: false; note: string };

/**
 * Point in time: a snapshot taken on trading day D once its bars are settled (16:30 ET, 13:30 on an
 * early close) holds D's close; one taken on a weekend or holiday holds the last session's close (the
 * screener re-serves it). One taken earlier on a trading day, before the open included, holds live or
 * pre-open prices: no day's bar.
 */
export function snapshotSession(takenAt: Date): SnapshotSession {
  const today = marketDateAt(takenAt);
  if (!isTradingDay(today)) return { date: lastTradingDayOnOrBefore(today), final: true };
  const settled = earlyClose(today) ? READY_AFTER.barsEarlyClose : READY_AFTER.bars;
  if (isAfterTime(takenAt, settled)) return { date: today, final: true };
  return {
    date: null,
    final: false,
    note: `a screener snapshot before ${settled} ET on ${today} holds live prices, not a close: not stored as a bar`,
  };
}

export interface ScreenerSnapshots {
  /** the snapshot of the current session state, fetched on first use */
  get(): Promise<ScreenerSnapshot>;
}

export function createScreenerSnapshots(deps: Pick<IngestDeps, 'providers' | 'clock'>): ScreenerSnapshots {
  let cached: { key: string; at: number; snapshot: Promise<ScreenerSnapshot> } | null = null;

  function keyAt(now: Date): string {
    const s = snapshotSession(now);
    return s.final ? `close:${s.date}` : `live:${marketDateAt(now)}`;
  }

  return {
    get() {
      const now = deps.clock.now();
      const key = keyAt(now);
      if (cached?.key !== key || now.getTime() - cached.at > SNAPSHOT_REUSE_MS) {
        const snapshot = deps.providers.nasdaqApi.snapshot();
        cached = { key, at: now.getTime(), snapshot };
        // a failed fetch is not kept: the next caller asks again
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = null;
        });
      }
      return cached.snapshot;
    },
  };
}
