import { statSync } from 'node:fs';
import { createBorrowRepo } from '../../src/db/repos/borrow.repo';
import type { BorrowSnapshot } from '../../src/domain/short-supply';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import { tempDb } from '../support/temp-db';
import { median } from './stats';

// What "store changes, not copies" costs for IBKR's stock-loan file (issue 12): a generated file of 17,500
// symbols (the real usa.txt of 2022-08-06 has 17,461), snapshotted 14 times a session (13 half-hours and
// after the close) for 20 sessions, a share of symbols moving at each snapshot. Reports the rows stored
// against full copies, the file size, and the median time to store one snapshot. Seeded, so every run
// generates the same market.

const SYMBOLS = 17_500;
const SNAPSHOTS_A_DAY = 14;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export async function benchBorrowStorage(options: { days?: number; moving?: number } = {}) {
  const days = tradingDaysBetween('2024-05-01', '2024-06-28').slice(0, options.days ?? 20);
  const moving = options.moving ?? 0.02;
  const t = tempDb();
  const repo = createBorrowRepo(t.db);
  const random = rng(12);
  const fee = Float64Array.from({ length: SYMBOLS }, () => (random() < 0.9 ? 0.25 : 1 + random() * 80));
  const avail = Float64Array.from({ length: SYMBOLS }, () => Math.floor(random() * 5_000_000));
  const ms: number[] = [];
  let snapshots = 0;
  try {
    for (const day of days) {
      for (let k = 0; k < SNAPSHOTS_A_DAY; k++) {
        for (let i = 0; i < SYMBOLS; i++) {
          if (random() >= moving) continue;
          fee[i] = Math.max(0.25, Math.round((fee[i]! + (random() - 0.45) * 4) * 100) / 100);
          avail[i] = Math.max(0, Math.floor(avail[i]! * (0.7 + random() * 0.5)));
        }
        const minute = 14 * 60 + 30 + k * 30; // 09:30 ET in UTC (summer), every 30 min
        const takenAt = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00Z`;
        const rows: BorrowSnapshot[] = [];
        for (let i = 0; i < SYMBOLS; i++)
          rows.push({
            symbol: `S${i}`,
            takenAt,
            feeRate: fee[i]!,
            rebateRate: Math.round((5.3 - fee[i]!) * 100) / 100,
            available: avail[i]!,
            availableCapped: false,
            source: 'ibkr',
            publishedOn: day,
          });
        const t0 = performance.now();
        repo.storeSnapshot({ takenAt, publishedOn: day, source: 'ibkr', rows });
        ms.push(performance.now() - t0);
        snapshots++;
      }
    }
    const count = (sql: string) => t.db.$client.prepare(sql).pluck().get() as number;
    t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const stored = count("SELECT count(*) FROM borrow_snapshots WHERE symbol <> '#FILE'");
    const copies = snapshots * SYMBOLS;
    return {
      symbols: SYMBOLS,
      sessions: days.length,
      snapshots,
      moving_per_snapshot: moving,
      rows_stored: stored,
      rows_as_full_copies: copies,
      stored_fraction: Math.round((stored / copies) * 10_000) / 10_000,
      db_mb: Math.round((statSync(t.path).size / 2 ** 20) * 10) / 10,
      store_snapshot_ms_median: Math.round(median(ms)),
      store_snapshot_ms_first: Math.round(ms[0]!),
    };
  } finally {
    t.cleanup();
  }
}
