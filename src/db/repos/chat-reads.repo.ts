import type { Db } from '../client';
import type { BarSeries } from '../../domain/bars';
import type { StoredRun, StoredScore } from './pipeline-runs.repo';

// Reads the chat commands make that the pipeline's own repos do not: runs and scores as of a past
// day (`chat --as-of`), one symbol's bars, whether the store knows a symbol at all.

export interface SymbolInfo {
  symbol: string;
  name: string | null;
  floatShares: number | null;
  sharesOutstanding: number | null;
}

const RUN_COLUMNS = `id, kind, status, as_of AS asOf, started_at AS startedAt, finished_at AS finishedAt, health_score AS healthScore,
  fallback_detected AS fallbackDetected, error, summary`;
const SCORE_COLUMNS = `as_of AS asOf, symbol, run_id AS runId, rank, score, fuel, "trigger", level, weight_set AS weightSet, components,
  missing, level_notes AS levelNotes, metrics, flags, source`;

function runRow(r: Record<string, unknown> | undefined): StoredRun | undefined {
  if (!r) return undefined;
  return {
    ...(r as unknown as StoredRun),
    fallbackDetected: r.fallbackDetected === 1,
    summary: r.summary ? JSON.parse(String(r.summary)) : null,
  };
}

function scoreRow(r: Record<string, unknown>): StoredScore {
  const json = (k: string) => JSON.parse(String(r[k] ?? 'null'));
  return {
    ...(r as unknown as StoredScore),
    components: json('components'),
    missing: json('missing'),
    levelNotes: json('levelNotes'),
    metrics: json('metrics'),
    flags: json('flags'),
  };
}

export function createChatReadsRepo(db: Db) {
  const sqlite = db.$client;
  const latestRun = sqlite.prepare(
    `SELECT ${RUN_COLUMNS} FROM pipeline_runs WHERE kind = ? AND as_of <= ? ORDER BY as_of DESC, started_at DESC LIMIT 1`,
  );
  const ranking = sqlite.prepare(
    `SELECT ${SCORE_COLUMNS} FROM symbol_scores WHERE run_id = ? AND rank IS NOT NULL ORDER BY rank LIMIT ?`,
  );
  const scoreInRun = sqlite.prepare(`SELECT ${SCORE_COLUMNS} FROM symbol_scores WHERE run_id = ? AND symbol = ?`);
  const latestScore = sqlite.prepare(
    `SELECT ${SCORE_COLUMNS} FROM symbol_scores WHERE symbol = ? AND as_of <= ? ORDER BY as_of DESC LIMIT 1`,
  );
  const bars = sqlite.prepare(
    'SELECT date, open, high, low, close, volume FROM daily_bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date',
  );
  const newestBar = sqlite.prepare('SELECT MAX(date) FROM daily_bars WHERE symbol = ? AND date <= ?').pluck();
  const info = sqlite.prepare(
    'SELECT symbol, name, float_shares AS floatShares, shares_outstanding AS sharesOutstanding FROM symbols WHERE symbol = ?',
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
      return runRow(latestRun.get(kind, asOf) as Record<string, unknown> | undefined);
    },
    /** A run's ranked list, rank 1 first. */
    ranking(runId: string, limit: number): StoredScore[] {
      return (ranking.all(runId, limit) as Record<string, unknown>[]).map(scoreRow);
    },
    scoreInRun(runId: string, symbol: string): StoredScore | undefined {
      const r = scoreInRun.get(runId, symbol) as Record<string, unknown> | undefined;
      return r ? scoreRow(r) : undefined;
    },
    /** The symbol's newest stored score on or before `asOf`. */
    latestScore(symbol: string, asOf: string): StoredScore | undefined {
      const r = latestScore.get(symbol, asOf) as Record<string, unknown> | undefined;
      return r ? scoreRow(r) : undefined;
    },
    barsOf(symbol: string, from: string, to: string): BarSeries {
      const s: BarSeries = { dates: [], open: [], high: [], low: [], close: [], volume: [] };
      for (const r of bars.all(symbol, from, to) as {
        date: string;
        open: number | null;
        high: number | null;
        low: number | null;
        close: number;
        volume: number;
      }[]) {
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
