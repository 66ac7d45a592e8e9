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

export interface BorrowDay {
  date: string;
  /** annual %, null where NA or not listed */
  feeRate: number | null;
  available: number | null;
  capped: boolean;
}

/**
 * The figures in force at the end of each of `dates` (the chart's x axis): the newest change published by
 * that day. Days before the first snapshot held are null, so a panel draws nothing there.
 */
export function borrowByDay(repos: Pick<Repos, 'borrow'>, symbol: string, dates: readonly string[]): BorrowDay[] {
  if (!dates.length) return [];
  const rows = repos.borrow.window(symbol, dates[0]!, dates.at(-1)!);
  let i = 0;
  let current: BorrowSnapshot | null = null;
  return dates.map((date) => {
    while (i < rows.length && rows[i]!.publishedOn <= date) current = rows[i++]!;
    const c = current;
    return { date, feeRate: c?.feeRate ?? null, available: c?.available ?? null, capped: c?.availableCapped ?? false };
  });
}
