import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { inTransaction } from '../transaction';
import { pipelineEliminations, pipelineRuns, pipelineStages, symbolScores } from '../schema';
import type { RunRecord } from '../../domain/runs';
import { scrubSecrets } from '../../shared/secrets';

export type StoredRun = typeof pipelineRuns.$inferSelect;
export type StoredStage = typeof pipelineStages.$inferSelect;
export type StoredElimination = typeof pipelineEliminations.$inferSelect;
export type StoredScore = typeof symbolScores.$inferSelect;
export type ScoreInsert = typeof symbolScores.$inferInsert;

export function createPipelineRunsRepo(db: Db) {
  const sqlite = db.$client;
  const insertElimination = sqlite.prepare(
    `INSERT INTO pipeline_eliminations (run_id, symbol, stage, criterion, value, threshold, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, symbol) DO UPDATE SET stage = excluded.stage, criterion = excluded.criterion,
       value = excluded.value, threshold = excluded.threshold, detail = excluded.detail`,
  );
  const idTaken = sqlite.prepare<[string], number>('SELECT 1 FROM pipeline_runs WHERE id = ?').pluck();
  const followed = sqlite.prepare<[string, string, number, string, string], { symbol: string }>(
    `SELECT symbol FROM symbol_scores WHERE as_of >= ? AND as_of < ? AND rank IS NOT NULL AND rank <= ?
     UNION SELECT symbol FROM alerts WHERE kind = 'squeeze' AND as_of >= ? AND as_of < ? AND symbol IS NOT NULL
     ORDER BY symbol`,
  );
  return {
    /**
     * Names ranked in the day's list (rank ≤ rankingSize) or squeeze-alerted on a market day in [from, before):
     * the deep scan follows them whatever the funnel says (stages/deep-scan.stage.ts).
     */
    followedBetween(from: string, before: string, rankingSize: number): string[] {
      return followed.all(from, before, rankingSize, from, before).map((r) => r.symbol);
    },
    /**
     * Saves a finished run whole: the run, its stages, every elimination, and the scores. Run ids are to
     * the second (`discovery_20250903_143022`): a second run started in the same second — two /scans, or
     * two processes on one file — is saved as `…_2`, `…_3`, never merged into the first nor refused.
     * `run.id` (and each score's run id) is set to the id it was saved under, which is returned.
     */
    save(run: RunRecord, scores: ScoreInsert[] = []): string {
      return inTransaction(db, () => {
        const wanted = run.id;
        let id = wanted;
        for (let n = 2; idTaken.get(id); n++) id = `${wanted}_${n}`;
        run.id = id;
        db.insert(pipelineRuns)
          .values({
            id: run.id,
            kind: run.kind,
            status: run.status,
            asOf: run.asOf,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            healthScore: run.healthScore,
            fallbackDetected: run.fallbackDetected,
            error: run.error == null ? run.error : scrubSecrets(run.error),
            summary: run.summary,
            savedSeq: sql`(SELECT coalesce(max(saved_seq), 0) + 1 FROM pipeline_runs)`,
          })
          .run();
        for (const s of run.stages)
          db.insert(pipelineStages)
            .values({ runId: run.id, ...s })
            .run();
        for (const e of run.eliminations.values())
          insertElimination.run(run.id, e.symbol, e.stage, e.criterion, e.value, e.threshold, e.detail);
        for (const given of scores) {
          const score = given.runId === wanted ? { ...given, runId: id } : given;
          db.insert(symbolScores)
            .values(score)
            .onConflictDoUpdate({ target: [symbolScores.asOf, symbolScores.symbol], set: score })
            .run();
        }
        return id;
      });
    },
    latest(kind: 'live' | 'backtest' = 'live'): StoredRun | undefined {
      return (
        db
          .select()
          .from(pipelineRuns)
          .where(eq(pipelineRuns.kind, kind))
          // runs started in the same instant: the one saved last is the latest
          .orderBy(desc(pipelineRuns.startedAt), desc(pipelineRuns.savedSeq))
          .limit(1)
          .get()
      );
    },
    stages(runId: string): StoredStage[] {
      return db.select().from(pipelineStages).where(eq(pipelineStages.runId, runId)).orderBy(pipelineStages.seq).all();
    },
    elimination(runId: string, symbol: string): StoredElimination | undefined {
      return db
        .select()
        .from(pipelineEliminations)
        .where(and(eq(pipelineEliminations.runId, runId), eq(pipelineEliminations.symbol, symbol)))
        .get();
    },
    scoresOn(asOf: string): StoredScore[] {
      return db.select().from(symbolScores).where(eq(symbolScores.asOf, asOf)).orderBy(desc(symbolScores.score)).all();
    },
    scoreOf(symbol: string, asOf: string): StoredScore | undefined {
      return db
        .select()
        .from(symbolScores)
        .where(and(eq(symbolScores.symbol, symbol), eq(symbolScores.asOf, asOf)))
        .get();
    },
  };
}

export type PipelineRunsRepo = ReturnType<typeof createPipelineRunsRepo>;
