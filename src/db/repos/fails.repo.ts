import type { Db } from '../client';
import { inTransaction } from '../transaction';
import type { FailsRow } from '../../domain/short-supply';

// SEC fails-to-deliver rows, one per symbol, settlement day and CUSIP, each tagged with the half-month
// file it came from. `published_on` is the fetch day for a download; for an import, where no fetch day
// is known, the parser's estimate (half-month end + 14 calendar days, rolled to the next trading day:
// sec-fails-calendar.ts). Writing a row twice keeps the EARLIER publication day: both are days by which
// the file was surely out (a fetch day) or as soon as it plausibly was (the estimate).

const COLUMNS = [
  'symbol',
  'settlement_date',
  'cusip',
  'quantity',
  'price',
  'description',
  'file',
  'source',
  'published_on',
] as const;

const SELECT = `SELECT symbol, settlement_date AS "settlementDate", cusip, quantity, price, description, file, source,
  published_on AS "publishedOn" FROM fails_to_deliver`;

export function createFailsRepo(db: Db) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `INSERT INTO fails_to_deliver (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (symbol, settlement_date, cusip) DO UPDATE SET quantity = excluded.quantity, price = excluded.price,
       description = excluded.description, file = excluded.file, source = excluded.source,
       published_on = min(published_on, excluded.published_on)`,
  );
  const deleteFile = sqlite.prepare('DELETE FROM fails_to_deliver WHERE file = ?');
  const rowsOf = sqlite.prepare(
    `${SELECT} WHERE symbol = ? AND settlement_date BETWEEN ? AND ? AND published_on <= ?
     ORDER BY settlement_date, cusip`,
  );
  // through the published_on index: the newest file out by asOf is among the last rows published
  const newestFile = sqlite.prepare(
    'SELECT file, published_on AS "publishedOn" FROM fails_to_deliver WHERE published_on <= ? ORDER BY published_on DESC, file DESC LIMIT 1',
  );
  const newestSettlement = sqlite
    .prepare("SELECT max(date) FROM dataset_status WHERE dataset = 'fails' AND status = 'ok'")
    .pluck();

  function upsert(rows: Iterable<FailsRow>): number {
    let n = 0;
    for (const r of rows) {
      insert.run(
        r.symbol,
        r.settlementDate,
        r.cusip,
        r.quantity,
        r.price,
        r.description,
        r.file,
        r.source,
        r.publishedOn,
      );
      n++;
    }
    return n;
  }

  return {
    transaction<R>(fn: () => R): R {
      return inTransaction(db, fn);
    },
    /** Imports: rows upserted as read. */
    upsert,
    /**
     * A downloaded file replaces what was held of it: a symbol the SEC dropped from a revised file is gone.
     * (An excerpt imported before keeps nothing of its own once the full file arrives.)
     */
    replaceFile(file: string, rows: readonly FailsRow[]): number {
      return inTransaction(db, () => {
        deleteFile.run(file);
        return upsert(rows);
      });
    },
    /** A symbol's rows with settlement days in [from, to], published by asOf, oldest first. */
    rows: (symbol: string, from: string, to: string, asOf: string): FailsRow[] =>
      rowsOf.all(symbol, from, to, asOf) as FailsRow[],
    /** The newest file published by asOf, and when. */
    newestFile: (asOf: string): { file: string; publishedOn: string } | null =>
      (newestFile.get(asOf) as { file: string; publishedOn: string } | undefined) ?? null,
    /** The newest settlement day of any file held (the attempts log, as dataset-status.repo reads it). */
    newestSettlement: (): string | null => (newestSettlement.get() as string | null) ?? null,
  };
}

export type FailsRepo = ReturnType<typeof createFailsRepo>;
