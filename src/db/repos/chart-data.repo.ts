import type { OhlcvBar } from '../../domain/bars';
import type { Db } from '../client';

// Per-symbol reads of the ticker chart that no other repo has: one symbol's bars over a range, its
// stored scores, the squeeze alerts that fired, its name and float. Short volume, short interest,
// OTC weeks and lit trades come from pipeline-data.repo.ts, the reads the metrics use.

export interface ChartScore {
  asOf: string;
  score: number;
  fuel: number | null;
  trigger: number | null;
  /** a live run's score, or a backtest replay's (recorded by the learning tracker) */
  origin: 'live' | 'backtest';
}

export interface ChartAlert {
  asOf: string;
  severity: string;
  score: number | null;
}

export function createChartDataRepo(db: Db) {
  const sqlite = db.$client;
  const bars = sqlite.prepare(
    'SELECT date, open, high, low, close, volume FROM daily_bars WHERE symbol = ? AND date BETWEEN ? AND ? ORDER BY date',
  );
  // every stored score of the symbol: the runs' own (symbol_scores, live unless its run was a backtest) and
  // the backtest replays', which keep theirs with the recommendations and missed names they recorded
  const scores = sqlite.prepare(
    `SELECT s.as_of AS "asOf", s.score, s.fuel, s."trigger" AS "trigger", coalesce(r.kind, 'live') AS origin
       FROM symbol_scores s LEFT JOIN pipeline_runs r ON r.id = s.run_id
      WHERE s.symbol = @symbol AND s.as_of BETWEEN @from AND @to
     UNION ALL
     SELECT as_of, score, fuel, "trigger", 'backtest' FROM tracked_recommendations
      WHERE origin = 'backtest' AND symbol = @symbol AND as_of BETWEEN @from AND @to
     UNION ALL
     SELECT m.as_of, m.score, NULL, NULL, 'backtest' FROM missed_opportunities m
      WHERE m.origin = 'backtest' AND m.symbol = @symbol AND m.as_of BETWEEN @from AND @to AND m.score IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM tracked_recommendations t
                         WHERE t.origin = 'backtest' AND t.symbol = m.symbol AND t.as_of = m.as_of)
     ORDER BY asOf, origin DESC`,
  );
  const alerts = sqlite.prepare(
    `SELECT as_of AS "asOf", severity, score FROM alerts
     WHERE kind = 'squeeze' AND symbol = ? AND as_of BETWEEN ? AND ? ORDER BY as_of, id`,
  );
  const info = sqlite.prepare('SELECT name, float_shares AS "floatShares" FROM symbols WHERE symbol = ?');
  // a source that states the float (Yahoo) carries it on its short-interest rows
  const siFloat = sqlite
    .prepare(
      'SELECT float_shares FROM short_interest WHERE symbol = ? AND float_shares > 0 AND published_on <= ? ORDER BY settlement_date DESC LIMIT 1',
    )
    .pluck();
  const anyData = sqlite
    .prepare('SELECT 1 FROM daily_bars WHERE symbol = ? UNION ALL SELECT 1 FROM short_volume WHERE symbol = ? LIMIT 1')
    .pluck();

  return {
    bars(symbol: string, from: string, to: string): OhlcvBar[] {
      return bars.all(symbol, from, to) as OhlcvBar[];
    },
    scores(symbol: string, from: string, to: string): ChartScore[] {
      return scores.all({ symbol, from, to }) as ChartScore[];
    },
    squeezeAlerts(symbol: string, from: string, to: string): ChartAlert[] {
      return alerts.all(symbol, from, to) as ChartAlert[];
    },
    /** name and float; the float from the symbol directory, else the newest stated one by asOf */
    symbolInfo(symbol: string, asOf: string): { name: string | null; floatShares: number | null } {
      const row = info.get(symbol) as { name: string | null; floatShares: number | null } | undefined;
      const float =
        row?.floatShares && row.floatShares > 0
          ? row.floatShares
          : ((siFloat.get(symbol, asOf) as number | undefined) ?? null);
      return { name: row?.name ?? null, floatShares: float };
    },
    /** does the store hold any bars or short volume for the symbol? */
    knows(symbol: string): boolean {
      return anyData.get(symbol, symbol) !== undefined;
    },
  };
}

export type ChartDataRepo = ReturnType<typeof createChartDataRepo>;
