import type { Db } from '../client';
import type { ShortInterestRecord } from '../../domain/market-data';
import { createUpsert } from './upsert';

export interface QualityRow {
  symbol: string;
  settlementDate: string;
  completeness: number;
  freshness: number;
  consistency: number;
  agreement: number | null;
  overall: number;
  notes: string[];
  computedAt: string;
}

const SELECT = `SELECT symbol, settlement_date AS settlementDate, source, short_interest AS shortInterest,
  previous_short_interest AS previousShortInterest, avg_daily_volume AS avgDailyVolume,
  days_to_cover_reported AS daysToCoverReported, change_percent AS changePercent, change_shares AS changeShares,
  short_percent_float AS shortPercentFloat, float_shares AS floatShares, issue_name AS issueName,
  market_class AS marketClass, exchange_code AS exchangeCode, revision_flag AS revisionFlag, split_flag AS splitFlag,
  published_on AS publishedOn FROM short_interest`;

function toRecord(row: Record<string, unknown>): ShortInterestRecord {
  return {
    ...(row as unknown as ShortInterestRecord),
    revisionFlag: row.revisionFlag === 1,
    splitFlag: row.splitFlag === 1,
  };
}

export function createShortInterestRepo(db: Db) {
  const sqlite = db.$client;
  const bySettlement = sqlite.prepare(`${SELECT} WHERE settlement_date = ? AND source = ?`);
  const previousSettlement = sqlite
    .prepare(`SELECT max(settlement_date) FROM short_interest WHERE source = 'finra' AND settlement_date < ?`)
    .pluck();
  // Yahoo dates its figure by the settlement it reflects; allow a few days' slack for time zones.
  const yahooNear = sqlite.prepare(
    `${SELECT} WHERE source = 'yahoo' AND settlement_date BETWEEN date(?, '-3 days') AND date(?, '+3 days')`,
  );
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
      return sqlite.transaction(fn)();
    },
    bySettlement(settlementDate: string, source: 'finra' | 'yahoo'): ShortInterestRecord[] {
      return (bySettlement.all(settlementDate, source) as Record<string, unknown>[]).map(toRecord);
    },
    /** The FINRA report of the settlement before this one, for every symbol that had one. */
    previousFinra(settlementDate: string): ShortInterestRecord[] {
      const prev = previousSettlement.get(settlementDate) as string | null;
      return prev ? this.bySettlement(prev, 'finra') : [];
    },
    yahooNear(settlementDate: string): ShortInterestRecord[] {
      return (yahooNear.all(settlementDate, settlementDate) as Record<string, unknown>[]).map(toRecord);
    },
    upsertQuality(row: QualityRow): void {
      upsertQuality([{ ...row, notesJson: JSON.stringify(row.notes) }]);
    },
  };
}
