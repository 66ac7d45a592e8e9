import type { Repos } from '../db/repos';
import type { BorrowSnapshot } from '../domain/short-supply';
import { addTradingDays } from '../market/trading-calendar';
import { BORROW_DAYS, computeBorrowMetrics, type BorrowReading } from '../signals/borrow-metrics';

// What /borrow, the ticker card and the chart read of IBKR's stock-loan snapshots: the reading as of a
// day (the same pure metrics the score uses) and the symbol's stored changes, newest first.

export interface BorrowView {
  reading: BorrowReading | null;
  /** the symbol's stored changes published by asOf, newest first (each row is a move of its figures) */
  changes: BorrowSnapshot[];
  /** the newest snapshot of the whole file taken by asOf (when the figures were last confirmed) */
  newestSnapshot: { takenAt: string; publishedOn: string } | null;
}

export function borrowView(repos: Pick<Repos, 'borrow'>, symbol: string, asOf: string, changes = 8): BorrowView {
  const window = repos.borrow.window(symbol, addTradingDays(asOf, -BORROW_DAYS), asOf);
  return {
    reading: computeBorrowMetrics(window, asOf),
    changes: repos.borrow.newest(symbol, asOf, changes),
    newestSnapshot: repos.borrow.newestSnapshot(asOf),
  };
}
