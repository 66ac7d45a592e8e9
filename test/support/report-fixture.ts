import type { Db } from '../../src/db/client';
import { createAlertsRepo } from '../../src/db/repos/alerts.repo';
import { createPipelineRunsRepo, type ScoreInsert } from '../../src/db/repos/pipeline-runs.repo';
import type { AlertLevel } from '../../src/signals/metric-types';
import { candidate, runRecord } from './alert-fixtures';

// Saved pipeline days and alerts for report tests: each day a live run with its funnel stage and the
// given names scored (ranked in the order given unless `unranked`), as the pipeline service saves them.

export interface DayName {
  symbol: string;
  score: number;
  level?: AlertLevel | null;
  /** scored but not in the ranking */
  unranked?: boolean;
}

export function saveDay(db: Db, asOf: string, names: DayName[]): string {
  const run = runRecord(asOf);
  let rank = 0;
  const scores = names.map((n): ScoreInsert => {
    const c = candidate(n.symbol, n.level ?? null, asOf, n.score);
    return {
      asOf,
      symbol: n.symbol,
      runId: run.id,
      rank: n.unranked ? null : ++rank,
      score: n.score,
      fuel: c.result.fuel,
      trigger: c.result.trigger,
      level: n.level ?? null,
      weightSet: c.result.weightSet,
      components: c.result.components,
      missing: c.result.missing,
      levelNotes: c.result.levelNotes,
      metrics: c.metrics as unknown as Record<string, unknown>,
      flags: [],
      source: 'volume_detector',
    };
  });
  createPipelineRunsRepo(db).save(run, scores);
  return run.id;
}

export function saveAlert(
  db: Db,
  a: {
    symbol: string | null;
    severity: string;
    asOf: string | null;
    createdAt: string;
    kind?: 'squeeze' | 'system';
    score?: number;
  },
): number {
  return createAlertsRepo(db).insert({
    kind: a.kind ?? 'squeeze',
    symbol: a.symbol,
    severity: a.severity,
    score: a.score ?? 0.8,
    fuel: null,
    trigger: null,
    asOf: a.asOf,
    runId: null,
    title: `${a.severity.toUpperCase()} ${a.symbol ?? 'system'} <alert>`,
    body: 'x',
    components: [],
    dedupeKey: null,
    createdAt: a.createdAt,
  });
}
