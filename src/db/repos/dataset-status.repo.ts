import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { datasetStatus } from '../schema';
import type { Dataset } from '../../domain/market-data';
import { scrubSecrets } from '../../shared/secrets';
import type { AsOf } from '../../market/as-of';

export type DatasetStatusRow = typeof datasetStatus.$inferSelect;
export type DatasetAttempt = Omit<typeof datasetStatus.$inferInsert, 'id'> & { dataset: Dataset };

/**
 * Newest date known per dataset as of a day (the one bound parameter, D): the table and column that say
 * what a dataset has, counting only what was published by D (bound as @d).
 */
const NEWEST: Record<Dataset, string> = {
  universe: 'SELECT max(as_of) FROM symbols WHERE as_of <= @d',
  bars: 'SELECT max(date) FROM daily_bars WHERE date <= @d',
  // short_volume has no date index (see schema/short-data.ts): the attempts log knows the newest day stored
  shortvol: "SELECT max(date) FROM dataset_status WHERE dataset = 'shortvol' AND status = 'ok' AND date <= @d",
  shortinterest: "SELECT max(settlement_date) FROM short_interest WHERE source = 'finra' AND published_on <= @d",
  otc: 'SELECT max(week_start) FROM otc_weekly WHERE published_on <= @d',
  trades: 'SELECT max(date) FROM trades_daily WHERE date <= @d',
  // a list held empty (a quiet Cboe day) has no rows: its successful attempt says it is held; a list of
  // day X is out on the next trading day, so an attempt for a day before D counts
  threshold: `SELECT max(d) FROM (SELECT max(date) AS d FROM threshold_list WHERE published_on <= @d UNION ALL
    SELECT max(date) FROM dataset_status WHERE dataset = 'threshold' AND status IN ('ok','empty') AND date < @d) AS held`,
  // a run over a short list without listed options (or with no short list) stores nothing and is current
  options: `SELECT max(d) FROM (SELECT max(date) AS d FROM options_snapshots WHERE date <= @d UNION ALL
    SELECT max(date) FROM dataset_status WHERE dataset = 'options' AND status IN ('ok','empty','skipped') AND date <= @d) AS held`,
  // borrow rows are changes only: the file marker (borrow.repo.ts) is there for every snapshot taken
  borrow: "SELECT max(published_on) FROM borrow_snapshots WHERE symbol = '#FILE' AND published_on <= @d",
  // fails_to_deliver has no settlement-date index: the newest file published by D (by the published_on
  // index) holds the newest settlement day, since the SEC posts its half months in order
  fails: `SELECT max(settlement_date) FROM fails_to_deliver WHERE published_on =
    (SELECT max(published_on) FROM fails_to_deliver WHERE published_on <= @d)`,
};

export function createDatasetStatusRepo(db: Db) {
  return {
    record(attempt: DatasetAttempt): void {
      const scrub = (t: string | null | undefined) => (t == null ? t : scrubSecrets(t));
      db.insert(datasetStatus)
        .values({ ...attempt, error: scrub(attempt.error) })
        .run();
    },
    /** The newest date of data known on `asOf` for a dataset, or null when it had none. */
    newestDate(dataset: Dataset, asOf: AsOf): string | null {
      const row = db.$client.prepare(NEWEST[dataset]).pluck().get({ d: asOf.date }) as string | null | undefined;
      return row ?? null;
    },
    /**
     * Which of `dates` a dataset already holds: an ok or empty attempt (fetch or import) recorded for
     * the date, optionally only from origins matching (`like`) or not matching (`notLike`) a LIKE
     * pattern: one facility's file, FINRA's figures and not Yahoo's cross-check. The backfill plans
     * from this, so a rerun fetches nothing twice.
     */
    heldDates(dataset: Dataset, dates: string[], origin: { like?: string; notLike?: string } = {}): Set<string> {
      if (dates.length === 0) return new Set();
      const rows = db.$client
        .prepare(
          `SELECT DISTINCT date FROM dataset_status WHERE dataset = ? AND status IN ('ok','empty')
           AND origin LIKE ? AND origin NOT LIKE ? AND date IN (${dates.map(() => '?').join(',')})`,
        )
        .pluck()
        .all(dataset, origin.like ?? '%', origin.notLike ?? '', ...dates) as string[];
      return new Set(rows);
    },
    /** The newest OTC week held for one tier (tiers publish at different lags). */
    newestOtcWeek(tier: string): string | null {
      return (
        (db.$client.prepare('SELECT max(week_start) FROM otc_weekly WHERE tier = ?').pluck().get(tier) as
          string | null) ?? null
      );
    },
    lastAttempt(dataset: Dataset): DatasetStatusRow | undefined {
      return db
        .select()
        .from(datasetStatus)
        .where(eq(datasetStatus.dataset, dataset))
        .orderBy(desc(datasetStatus.id))
        .limit(1)
        .get();
    },
    lastSuccess(dataset: Dataset): DatasetStatusRow | undefined {
      return db
        .select()
        .from(datasetStatus)
        .where(and(eq(datasetStatus.dataset, dataset), sql`${datasetStatus.status} in ('ok','empty')`))
        .orderBy(desc(datasetStatus.id))
        .limit(1)
        .get();
    },
    /** Whether a file with this checksum was already imported whole (re-imports are still allowed). */
    seenChecksum(checksum: string): DatasetStatusRow | undefined {
      return db
        .select()
        .from(datasetStatus)
        .where(and(eq(datasetStatus.checksum, checksum), eq(datasetStatus.status, 'ok')))
        .orderBy(desc(datasetStatus.id))
        .limit(1)
        .get();
    },
    recent(limit = 20): DatasetStatusRow[] {
      return db.select().from(datasetStatus).orderBy(desc(datasetStatus.id)).limit(limit).all();
    },
  };
}

export type DatasetStatusRepo = ReturnType<typeof createDatasetStatusRepo>;
