import type { BorrowRepo } from '../../db/repos/borrow.repo';
import type { MarketDataRepo } from '../../db/repos/market-data.repo';
import type { FailsRepo } from '../../db/repos/fails.repo';
import type { OptionsRepo } from '../../db/repos/options.repo';
import type { ThresholdRepo } from '../../db/repos/threshold.repo';
import type { BorrowSnapshot, FailsRow, OptionsSnapshot, ThresholdRow } from '../../domain/short-supply';
import type {
  DailyBar,
  Dataset,
  OtcWeeklyRecord,
  ShortInterestRecord,
  ShortVolumeRecord,
  SymbolRecord,
  TradesDailyRecord,
} from '../../domain/market-data';

// Where each dataset's records go, and which field is a record's date. A format's `dataset`
// fixes its record type (LineFormat<ShortVolumeRecord> says 'shortvol'), so the one cast below is
// the registry's contract, not a guess.

export interface DatasetWriter {
  /** upserts a batch inside the caller's transaction; returns the rows written */
  write(records: unknown[]): number;
  /** the date the record is about (trade date, settlement date, week start, as-of date) */
  dateOf(record: unknown): string;
  symbolOf(record: unknown): string;
  /** the file is one snapshot stored against the one before it: its records go in one write, not in steps */
  whole?: boolean;
}

function writer<T extends { symbol: string }>(
  upsert: (rows: Iterable<T>) => number,
  dateOf: (r: T) => string,
): DatasetWriter {
  return {
    write: (records) => upsert(records as T[]),
    dateOf: (r) => dateOf(r as T),
    symbolOf: (r) => (r as T).symbol,
  };
}

/** The issue-12 supply tables an import can write (the lists and chains `import` recognises). */
export interface SupplyWriters {
  threshold: Pick<ThresholdRepo, 'upsert'>;
  options: Pick<OptionsRepo, 'upsert'>;
  borrow: Pick<BorrowRepo, 'storeSnapshot'>;
  fails: Pick<FailsRepo, 'upsert'>;
}

/**
 * A stock-loan file is one snapshot, held whole until its end (formats.ts completedAtEnd), and stored as
 * changes against the snapshot before it (borrow.repo.ts).
 */
function borrowWriter(repo: Pick<BorrowRepo, 'storeSnapshot'>): DatasetWriter {
  return {
    write(records) {
      const rows = records as BorrowSnapshot[];
      const first = rows[0];
      if (!first) return 0;
      const { takenAt, publishedOn, source } = first;
      return repo.storeSnapshot({ takenAt, publishedOn, source, rows }).rows;
    },
    whole: true,
    dateOf: (r) => (r as BorrowSnapshot).publishedOn,
    symbolOf: (r) => (r as BorrowSnapshot).symbol,
  };
}

export function createDatasetWriters(repo: MarketDataRepo, supply: SupplyWriters): Record<Dataset, DatasetWriter> {
  return {
    shortvol: writer<ShortVolumeRecord>(repo.upsertShortVolume, (r) => r.date),
    bars: writer<DailyBar>(repo.upsertBars, (r) => r.date),
    shortinterest: writer<ShortInterestRecord>(repo.upsertShortInterest, (r) => r.settlementDate),
    otc: writer<OtcWeeklyRecord>(repo.upsertOtcWeekly, (r) => r.weekStart),
    universe: writer<SymbolRecord>(repo.upsertSymbols, (r) => r.asOf),
    trades: writer<TradesDailyRecord>(repo.upsertTradesDaily, (r) => r.date),
    threshold: writer<ThresholdRow>(supply.threshold.upsert, (r) => r.date),
    options: writer<OptionsSnapshot>(supply.options.upsert, (r) => r.date),
    borrow: borrowWriter(supply.borrow),
    fails: writer<FailsRow>(supply.fails.upsert, (r) => r.settlementDate),
  };
}
