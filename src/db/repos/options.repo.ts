import type { Db } from '../client';
import type { OptionsSnapshot } from '../../domain/short-supply';
import { createUpsert } from './upsert';

// The options chain's summary per symbol and market date (Cboe delayed quotes). One row a day: a later
// snapshot of the same day (an intraday one, then the one after the close) replaces the earlier.

const SELECT = `SELECT symbol, date, taken_at AS "takenAt", underlying_price AS "underlyingPrice",
  call_volume AS "callVolume", put_volume AS "putVolume", call_open_interest AS "callOpenInterest",
  put_open_interest AS "putOpenInterest", near_money_call_open_interest AS "nearMoneyCallOpenInterest",
  iv30, contracts, source, published_on AS "publishedOn" FROM options_snapshots`;

export function createOptionsRepo(db: Db) {
  const sqlite = db.$client;
  const upsert = createUpsert<OptionsSnapshot>(
    sqlite,
    'options_snapshots',
    {
      symbol: 'symbol',
      date: 'date',
      taken_at: 'takenAt',
      underlying_price: 'underlyingPrice',
      call_volume: 'callVolume',
      put_volume: 'putVolume',
      call_open_interest: 'callOpenInterest',
      put_open_interest: 'putOpenInterest',
      near_money_call_open_interest: 'nearMoneyCallOpenInterest',
      iv30: 'iv30',
      contracts: 'contracts',
      source: 'source',
      published_on: 'publishedOn',
    },
    ['symbol', 'date'],
  );
  const newestOf = sqlite.prepare(`${SELECT} WHERE symbol = ? AND published_on <= ? ORDER BY date DESC LIMIT ?`);
  const newest = sqlite.prepare('SELECT max(date) FROM options_snapshots').pluck();
  return {
    upsert: (rows: Iterable<OptionsSnapshot>): number => upsert(rows),
    /** A symbol's snapshots published by asOf, newest first, at most n. */
    newest: (symbol: string, asOf: string, n: number): OptionsSnapshot[] =>
      newestOf.all(symbol, asOf, n) as OptionsSnapshot[],
    newestDate: (): string | null => (newest.get() as string | null) ?? null,
  };
}

export type OptionsRepo = ReturnType<typeof createOptionsRepo>;
