import type { Db } from '../client';
import { inTransaction } from '../transaction';
import type { ThresholdHistory, ThresholdMarket, ThresholdRow } from '../../domain/short-supply';
import { createUpsert } from './upsert';

// The Reg SHO threshold lists, one row per symbol, list date and market. A list with no rows (a quiet
// Cboe day) leaves nothing in threshold_list, so a list date counts as held when a row OR a successful
// attempt (ok or empty, fetch or import) says so: a symbol absent from a held list is off it that day.

const COLUMNS = {
  symbol: 'symbol',
  date: 'date',
  market: 'market',
  name: 'name',
  source: 'source',
  published_on: 'publishedOn',
} as const;

export function createThresholdRepo(db: Db) {
  const sqlite = db.$client;
  const upsert = createUpsert<ThresholdRow>(sqlite, 'threshold_list', COLUMNS, ['symbol', 'date', 'market']);
  const deleteList = sqlite.prepare('DELETE FROM threshold_list WHERE date = ? AND market = ?');
  // every list row is published on the trading day after its date (threshold-file.ts), and so are the
  // attempts: an attempt's date is its list date, and the caller passes the last list date published by asOf
  const datesWithRows = sqlite
    .prepare('SELECT DISTINCT date FROM threshold_list WHERE date BETWEEN ? AND ? AND published_on <= ?')
    .pluck();
  const datesAttempted = sqlite
    .prepare(
      `SELECT DISTINCT date FROM dataset_status WHERE dataset = 'threshold' AND status IN ('ok','empty')
       AND date BETWEEN ? AND ?`,
    )
    .pluck();
  const rowsOf = sqlite.prepare(
    `SELECT symbol, date, market, name, source, published_on AS "publishedOn" FROM threshold_list
     WHERE symbol = ? AND date BETWEEN ? AND ? AND published_on <= ? ORDER BY date DESC, market`,
  );
  const listOf = sqlite.prepare(
    `SELECT symbol, date, market, name, source, published_on AS "publishedOn" FROM threshold_list
     WHERE date = ? ORDER BY market, symbol`,
  );
  const newest = sqlite.prepare('SELECT max(date) FROM threshold_list').pluck();

  function heldDates(from: string, to: string, asOf: string): string[] {
    const set = new Set<string>([
      ...(datesWithRows.all(from, to, asOf) as string[]),
      ...(datesAttempted.all(from, to) as string[]),
    ]);
    return [...set].sort().reverse();
  }

  return {
    transaction<R>(fn: () => R): R {
      return inTransaction(db, fn);
    },
    /** Imports: rows upserted as read (a file is one list, written in one go). */
    upsert: (rows: Iterable<ThresholdRow>): number => upsert(rows),
    /** A fetched list replaces what was held for its date and market: a symbol dropped from it is gone. */
    replaceList(market: ThresholdMarket, date: string, rows: readonly ThresholdRow[]): number {
      return inTransaction(db, () => {
        deleteList.run(date, market);
        return upsert(rows);
      });
    },
    /**
     * The list dates held from `from` to `lastListDate` and the symbol's rows in them, published by asOf
     * (the metric's ThresholdHistory). `lastListDate` is the newest list date published by asOf.
     */
    history(symbol: string, from: string, lastListDate: string, asOf: string): ThresholdHistory {
      return {
        dates: heldDates(from, lastListDate, asOf),
        rows: rowsOf.all(symbol, from, lastListDate, asOf) as ThresholdRow[],
      };
    },
    /** The list dates held from `from` to `lastListDate`, published by asOf, newest first (history's `dates`). */
    heldDates,
    /** The symbol's rows of those dates, published by asOf (history's `rows`). */
    rows: (symbol: string, from: string, lastListDate: string, asOf: string): ThresholdRow[] =>
      rowsOf.all(symbol, from, lastListDate, asOf) as ThresholdRow[],
    /** List dates held in a range, newest first. */
    listDates: (from: string, to: string): string[] => heldDates(from, to, '9999-12-31'),
    /** Every market's rows for one list date. */
    list: (date: string): ThresholdRow[] => listOf.all(date) as ThresholdRow[],
    newestDate: (): string | null => (newest.get() as string | null) ?? null,
  };
}

export type ThresholdRepo = ReturnType<typeof createThresholdRepo>;
