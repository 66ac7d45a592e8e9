import { and, between, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { inTransaction } from '../transaction';
import { shortInterest } from '../schema';
import type { ShortInterestRecord } from '../../domain/market-data';
import type { ShortInterestQuality } from '../../domain/short-data';
import { createUpsert } from './upsert';
import { addCalendarDays } from '../../market/iso-date';

/** A stored quality score: the assessment of one symbol's figure for one settlement. */
export type QualityRow = ShortInterestQuality & { symbol: string; settlementDate: string; computedAt: string };

// every column but fetched_at: a ShortInterestRecord, booleans decoded by drizzle
const { fetchedAt: _fetchedAt, ...recordColumns } = getTableColumns(shortInterest);

export function createShortInterestRepo(db: Db) {
  const sqlite = db.$client;
  const bySettlement = db
    .select(recordColumns)
    .from(shortInterest)
    .where(
      and(
        eq(shortInterest.settlementDate, sql.placeholder('settlementDate')),
        eq(shortInterest.source, sql.placeholder('source')),
      ),
    )
    .prepare();
  const previousSettlement = sqlite
    .prepare(`SELECT max(settlement_date) FROM short_interest WHERE source = 'finra' AND settlement_date < ?`)
    .pluck();
  // Yahoo dates its figure by the settlement it reflects; allow a few days' slack for time zones.
  const yahooNear = db
    .select(recordColumns)
    .from(shortInterest)
    .where(
      and(
        eq(shortInterest.source, 'yahoo'),
        between(shortInterest.settlementDate, sql.placeholder('from'), sql.placeholder('to')),
      ),
    )
    .prepare();
  const upsertQuality = createUpsert<QualityRow & { notesJson: string }>(
    sqlite,
    'short_interest_quality',
    {
      symbol: 'symbol',
      settlement_date: 'settlementDate',
      completeness: 'completeness',
      freshness: 'freshness',
      consistency: 'consistency',
      agreement: 'agreement',
      overall: 'overall',
      notes: 'notesJson',
      computed_at: 'computedAt',
    },
    ['symbol', 'settlement_date'],
  );
  return {
    transaction<R>(fn: () => R): R {
      return inTransaction(db, fn);
    },
    bySettlement(settlementDate: string, source: 'finra' | 'yahoo'): ShortInterestRecord[] {
      return bySettlement.all({ settlementDate, source });
    },
    /** The FINRA report of the settlement before this one, for every symbol that had one. */
    previousFinra(settlementDate: string): ShortInterestRecord[] {
      const prev = previousSettlement.get(settlementDate) as string | null;
      return prev ? this.bySettlement(prev, 'finra') : [];
    },
    yahooNear(settlementDate: string): ShortInterestRecord[] {
      return yahooNear.all({ from: addCalendarDays(settlementDate, -3), to: addCalendarDays(settlementDate, 3) });
    },
    upsertQuality(row: QualityRow): void {
      upsertQuality([{ ...row, notesJson: JSON.stringify(row.notes) }]);
    },
  };
}
