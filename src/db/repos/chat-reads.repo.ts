import { and, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { pipelineRuns, symbolScores } from '../schema';
import type { BarSeries, OhlcvBar } from '../../domain/bars';
import type { StoredRun, StoredScore } from './pipeline-runs.repo';

// Reads the chat commands make that the pipeline's own repos do not: runs and scores as of a past
// day (`chat --as-of`), one symbol's bars, whether the store knows a symbol at all.

export interface SymbolInfo {
  symbol: string;
  name: string | null;
  floatShares: number | null;
  sharesOutstanding: number | null;
}

export function createChatReadsRepo(db: Db) {
  const sqlite = db.$client;
  // drizzle reads the run and score rows so JSON and boolean columns come back decoded and typed
  const latestRun = db
    .select()
    .from(pipelineRuns)
    .where(and(eq(pipelineRuns.kind, sql.placeholder('kind')), lte(pipelineRuns.asOf, sql.placeholder('asOf'))))
    .orderBy(desc(pipelineRuns.asOf), desc(pipelineRuns.savedSeq))
    .limit(1)
    .prepare();
  const ranking = db
    .select()
    .from(symbolScores)
    .where(and(eq(symbolScores.runId, sql.placeholder('runId')), isNotNull(symbolScores.rank)))
    .orderBy(symbolScores.rank)
    .limit(sql.placeholder('limit'))
    .prepare();
  const scoreInRun = db
    .select()
    .from(symbolScores)
    .where(and(eq(symbolScores.runId, sql.placeholder('runId')), eq(symbolScores.symbol, sql.placeholder('symbol'))))
    .prepare();
  const latestScore = db
    .select()
    .from(symbolScores)
    .where(and(eq(symbolScores.symbol, sql.placeholder('symbol')), lte(symbolScores.asOf, sql.placeholder('asOf'))))
    .orderBy(desc(symbolScores.asOf))
    .limit(1)
    .prepare();
  const bars = sqlite.prepare(
    'SELECT date, open, high, low, close, volume FROM daily_bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date',
  );
  const newestBar = sqlite.prepare('SELECT MAX(date) FROM daily_bars WHERE symbol = ? AND date <= ?').pluck();
  const info = sqlite.prepare(
    'SELECT symbol, name, float_shares AS "floatShares", shares_outstanding AS "sharesOutstanding" FROM symbols WHERE symbol = ?',
  );
  const known = sqlite
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM symbols WHERE symbol = @s) OR EXISTS (SELECT 1 FROM daily_bars WHERE symbol = @s)
       OR EXISTS (SELECT 1 FROM short_volume WHERE symbol = @s) OR EXISTS (SELECT 1 FROM short_interest WHERE symbol = @s)`,
    )
    .pluck();
  const stageErrors = sqlite
    .prepare("SELECT count(*) FROM pipeline_stages WHERE run_id = ? AND status = 'failed'")
    .pluck();

  return {
    /** The newest run for a day on or before `asOf`. */
    latestRunOnOrBefore(asOf: string, kind: 'live' | 'backtest' = 'live'): StoredRun | undefined {
      return latestRun.get({ kind, asOf });
    },
    /** A run's ranked list, rank 1 first. */
    ranking(runId: string, limit: number): StoredScore[] {
      return ranking.all({ runId, limit });
    },
    scoreInRun(runId: string, symbol: string): StoredScore | undefined {
      return scoreInRun.get({ runId, symbol });
    },
    /** The symbol's newest stored score on or before `asOf`. */
    latestScore(symbol: string, asOf: string): StoredScore | undefined {
      return latestScore.get({ symbol, asOf });
    },
    barsOf(symbol: string, from: string, to: string): BarSeries {
      const s: BarSeries = { dates: [], open: [], high: [], low: [], close: [], volume: [] };
      for (const r of bars.all(symbol, from, to) as OhlcvBar[]) {
        s.dates.push(r.date);
        s.open.push(r.open ?? NaN);
        s.high.push(r.high ?? NaN);
        s.low.push(r.low ?? NaN);
        s.close.push(r.close);
        s.volume.push(r.volume);
      }
      return s;
    },
    symbolInfo(symbol: string): SymbolInfo | undefined {
      return info.get(symbol) as SymbolInfo | undefined;
    },
    /** The newest bar date of a symbol on or before `day`, or null. */
    newestBarOnOrBefore(symbol: string, day: string): string | null {
      return (newestBar.get(symbol, day) as string | null) ?? null;
    },
    knows(symbol: string): boolean {
      return known.get({ s: symbol }) === 1;
    },
    failedStages(runId: string): number {
      return stageErrors.get(runId) as number;
    },
  };
}

export type ChatReadsRepo = ReturnType<typeof createChatReadsRepo>;
