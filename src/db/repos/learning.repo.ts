import { and, desc, eq, getTableColumns, gte, lte } from 'drizzle-orm';
import type { Db } from '../client';
import { dialectOf } from '../open-store';
import { inTransaction } from '../transaction';
import type { AlertLevel } from '../../domain/scores';
import { alerts, missedOpportunities, trackedRecommendations } from '../schema';
import type { PassedOver } from '../../domain/missed';

// The learning tracker's SQL: tracked recommendations (upserted per run, updated in one transaction at
// the daily checkpoint), the closes they need (one query for every tracked symbol), missed
// opportunities, and the live runs' eliminations and scores they are found among.

export type TrackedInsert = typeof trackedRecommendations.$inferInsert;
export type TrackedStored = typeof trackedRecommendations.$inferSelect & { feedback: number | null };
export type MissedStored = typeof missedOpportunities.$inferSelect;

export interface OutcomeUpdate {
  id: string;
  price1d: number | null;
  return1d: number | null;
  price7d: number | null;
  return7d: number | null;
  price14d: number | null;
  return14d: number | null;
  price30d: number | null;
  return30d: number | null;
  lastPrice: number | null;
  lastReturn: number | null;
  daysTracked: number;
  peakPrice: number | null;
  peakReturn: number | null;
  daysToPeak: number | null;
  maxDrawdown: number | null;
  outcome: string | null;
  success: boolean | null;
  failure: boolean | null;
  status: 'tracking' | 'completed';
}

export interface MissedInsert extends PassedOver<Record<string, number | null>> {
  origin: 'live' | 'backtest';
  price: number;
  peakPrice: number;
  peakReturn: number;
  daysToPeak: number;
}

const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

export function createLearningRepo(db: Db) {
  const sqlite = db.$client;
  const upsert = sqlite.prepare(`INSERT INTO tracked_recommendations
    (id, origin, symbol, as_of, discovered_at, run_id, reason, alert_id, rank, price, score, fuel, "trigger", level, features, thesis, status, days_tracked)
    VALUES (@id, @origin, @symbol, @asOf, @discoveredAt, @runId, @reason, @alertId, @rank, @price, @score, @fuel, @trigger, @level, @features, @thesis, 'tracking', 0)
    ON CONFLICT (id) DO UPDATE SET
      reason = CASE WHEN excluded.reason = 'alert' THEN 'alert' ELSE tracked_recommendations.reason END,
      alert_id = coalesce(excluded.alert_id, tracked_recommendations.alert_id)`);
  const update = sqlite.prepare(`UPDATE tracked_recommendations SET
    price_1d = @price1d, return_1d = @return1d, price_7d = @price7d, return_7d = @return7d, price_14d = @price14d, return_14d = @return14d,
    price_30d = @price30d, return_30d = @return30d, last_price = @lastPrice, last_return = @lastReturn, days_tracked = @daysTracked,
    peak_price = @peakPrice, peak_return = @peakReturn, days_to_peak = @daysToPeak, max_drawdown = @maxDrawdown,
    outcome = @outcome, success = @success, failure = @failure, status = @status, updated_at = @updatedAt WHERE id = @id`);
  const missedColumns = [
    'run_id',
    'stage',
    'criterion',
    'value',
    'threshold',
    'detail',
    'score',
    'features',
    'price',
    'peak_price',
    'peak_return',
    'days_to_peak',
    'found_at',
  ];
  // a name found again for the same day replaces what was found before
  const insertMissed = sqlite.prepare(`INSERT INTO missed_opportunities
    (origin, as_of, symbol, ${missedColumns.join(', ')})
    VALUES (@origin, @asOf, @symbol, @runId, @stage, @criterion, @value, @threshold, @detail, @score, @features, @price, @peakPrice, @peakReturn, @daysToPeak, @foundAt)
    ON CONFLICT (origin, as_of, symbol) DO UPDATE SET ${missedColumns.map((c) => `${c} = excluded.${c}`).join(', ')}`);
  const open = sqlite
    .prepare(
      `SELECT id, symbol, as_of, price FROM tracked_recommendations WHERE status = 'tracking' AND as_of < ? ORDER BY symbol`,
    )
    .raw();
  const newestTracked = sqlite
    .prepare('SELECT max(as_of) FROM tracked_recommendations WHERE origin = ? AND as_of <= ?')
    .pluck();
  const newestMissed = sqlite
    .prepare('SELECT max(as_of) FROM missed_opportunities WHERE origin = ? AND as_of <= ?')
    .pluck();
  // one row per symbol with its dates and closes concatenated: 10,000 rows to decode instead of 300,000
  // (the same aggregate and JSON list in each store's words)
  const closes = sqlite
    .prepare(
      dialectOf(db) === 'postgres'
        ? `SELECT symbol, string_agg(date, ',' ORDER BY date), string_agg(close::text, ',' ORDER BY date) FROM daily_bars
      WHERE symbol IN (SELECT json_array_elements_text(?::json)) AND date > ? AND date <= ? GROUP BY symbol`
        : `SELECT symbol, group_concat(date, ',' ORDER BY date), group_concat(close, ',' ORDER BY date) FROM daily_bars
      WHERE symbol IN (SELECT value FROM json_each(?)) AND date > ? AND date <= ? GROUP BY symbol`,
    )
    .raw();

  return {
    /** Inserts new recommendations; an existing one only gains an alert (a later run of the day raised it). */
    track(rows: TrackedInsert[]): void {
      inTransaction(db, () => {
        for (const r of rows)
          upsert.run({
            ...r,
            discoveredAt: r.discoveredAt ?? null,
            runId: r.runId ?? null,
            alertId: r.alertId ?? null,
            rank: r.rank ?? null,
            fuel: r.fuel ?? null,
            trigger: r.trigger ?? null,
            level: r.level ?? null,
            features: JSON.stringify(r.features),
          });
      });
    },
    /** Recommendations still in their window and discovered before `asOf`: [id, symbol, asOf, price]. */
    openBefore(asOf: string): [string, string, string, number][] {
      return open.all(asOf) as [string, string, string, number][];
    },
    /** Closes in (after, until] of the given symbols, per symbol, oldest first: one query. */
    closes(
      symbols: readonly string[],
      after: string,
      until: string,
    ): Map<string, { dates: string[]; close: number[] }> {
      const out = new Map<string, { dates: string[]; close: number[] }>();
      if (!symbols.length) return out;
      for (const [symbol, dates, values] of closes.all(JSON.stringify(symbols), after, until) as [
        string,
        string,
        string,
      ][]) {
        out.set(symbol, { dates: dates.split(','), close: values.split(',').map(Number) });
      }
      return out;
    },
    /** Writes every update in one transaction. */
    applyOutcomes(updates: readonly OutcomeUpdate[], at: string): void {
      inTransaction(db, () => {
        for (const u of updates)
          update.run({ ...u, success: bool(u.success), failure: bool(u.failure), updatedAt: at });
      });
    },
    tracked(origin: 'live' | 'backtest', since: string, until: string): TrackedStored[] {
      const t = trackedRecommendations;
      return db
        .select({ ...getTableColumns(t), feedback: alerts.feedback })
        .from(t)
        .leftJoin(alerts, eq(alerts.id, t.alertId))
        .where(and(eq(t.origin, origin), gte(t.asOf, since), lte(t.asOf, until)))
        .orderBy(t.asOf, t.symbol)
        .all();
    },
    /** The newest discovery day of an origin on or before `asOf`, or null. */
    newestTracked(origin: 'live' | 'backtest', asOf: string): string | null {
      return newestTracked.get(origin, asOf) as string | null;
    },
    /** The newest day with missed opportunities of an origin on or before `asOf`, or null. */
    newestMissed(origin: 'live' | 'backtest', asOf: string): string | null {
      return newestMissed.get(origin, asOf) as string | null;
    },
    count(origin: 'live' | 'backtest'): number {
      return (
        sqlite.prepare('SELECT count(*) AS n FROM tracked_recommendations WHERE origin = ?').get(origin) as {
          n: number;
        }
      ).n;
    },
    saveMissed(rows: readonly MissedInsert[], foundAt: string): void {
      inTransaction(db, () => {
        for (const r of rows) insertMissed.run({ ...r, features: JSON.stringify(r.features), foundAt });
      });
    },
    missed(origin: 'live' | 'backtest', since: string, until: string): MissedStored[] {
      const m = missedOpportunities;
      return db
        .select()
        .from(m)
        .where(and(eq(m.origin, origin), gte(m.asOf, since), lte(m.asOf, until)))
        .orderBy(desc(m.peakReturn), m.asOf, m.symbol)
        .all();
    },
    /** Removes backtest records of [from, to] so a replay of the same days replaces them. */
    clearBacktest(from: string, to: string): { tracked: number; missed: number } {
      return inTransaction(db, () => ({
        tracked: sqlite
          .prepare("DELETE FROM tracked_recommendations WHERE origin = 'backtest' AND as_of >= ? AND as_of <= ?")
          .run(from, to).changes,
        missed: sqlite
          .prepare("DELETE FROM missed_opportunities WHERE origin = 'backtest' AND as_of >= ? AND as_of <= ?")
          .run(from, to).changes,
      }));
    },
    /** The squeeze alerts a run raised: tracked with their id, so feedback joins their outcome. */
    alertsOfRun(runId: string): { id: number; symbol: string; severity: AlertLevel }[] {
      return sqlite
        .prepare("SELECT id, symbol, severity FROM alerts WHERE kind = 'squeeze' AND run_id = ?")
        .all(runId) as { id: number; symbol: string; severity: AlertLevel }[];
    },
    /** Live eliminations at these stages for runs of [from, to); a day's newest run wins. */
    liveEliminations(from: string, to: string, stages: readonly string[]) {
      return sqlite
        .prepare(
          `SELECT r.as_of AS "asOf", r.id AS "runId", e.symbol, e.stage, e.criterion, e.value, e.threshold, e.detail
          FROM pipeline_runs r JOIN pipeline_eliminations e ON e.run_id = r.id
          WHERE r.kind = 'live' AND r.as_of >= ? AND r.as_of < ? AND e.stage IN (SELECT value FROM json_each(?))
          ORDER BY r.as_of, r.started_at`,
        )
        .all(from, to, JSON.stringify(stages)) as {
        asOf: string;
        runId: string;
        symbol: string;
        stage: string;
        criterion: string;
        value: number | null;
        threshold: number | null;
        detail: string | null;
      }[];
    },
    /** Live scores of [from, to) (one row per day and symbol). */
    liveScores(from: string, to: string) {
      return sqlite
        .prepare(
          'SELECT as_of AS "asOf", run_id AS "runId", symbol, score, fuel, "trigger", level, metrics FROM symbol_scores WHERE as_of >= ? AND as_of < ?',
        )
        .all(from, to) as {
        asOf: string;
        runId: string;
        symbol: string;
        score: number;
        fuel: number | null;
        trigger: number | null;
        level: string | null;
        metrics: string;
      }[];
    },
  };
}

export type LearningRepo = ReturnType<typeof createLearningRepo>;
