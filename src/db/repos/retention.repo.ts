import type { Db } from '../client';

// Retention of monitoring data (app.retention_days): pipeline runs with their stages and eliminations
// (cascade), finished job runs, and outbox rows already delivered. Market data, scores, alerts and
// tracked recommendations are history the product reads, so they stay. Deletes go in small batches so
// the one writer never holds the lock long enough to stall a collector or the delivery worker.

const BATCH = 500;
/** a run cascades to its stages and up to a universe's worth of eliminations */
const RUN_BATCH = 20;

export interface RetentionResult {
  pipelineRuns: number;
  jobRuns: number;
  outbox: number;
}

export function createRetentionRepo(db: Db) {
  const sqlite = db.$client;
  const runs = sqlite.prepare(
    `DELETE FROM pipeline_runs WHERE id IN (SELECT id FROM pipeline_runs WHERE started_at < ? AND status != 'running' LIMIT ${RUN_BATCH})`,
  );
  const jobs = sqlite.prepare(
    `DELETE FROM job_runs WHERE id IN (SELECT id FROM job_runs WHERE started_at < ? AND status != 'running' LIMIT ${BATCH})`,
  );
  // sent rows only: queued, held and dead letters are still someone's business
  const sent = sqlite.prepare(
    `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'sent' AND created_at < ? LIMIT ${BATCH})`,
  );

  function drain(stmt: { run(cutoff: string): { changes: number } }, cutoff: string, batch = BATCH): number {
    let total = 0;
    for (;;) {
      const n = stmt.run(cutoff).changes;
      total += n;
      if (n < batch) return total;
    }
  }

  return {
    /**
     * Deletes what started before `cutoff`; returns the rows removed per table (runs counted without their
     * children).
     */
    deleteBefore(cutoff: Date): RetentionResult {
      const at = cutoff.toISOString();
      return { pipelineRuns: drain(runs, at, RUN_BATCH), jobRuns: drain(jobs, at), outbox: drain(sent, at) };
    },
  };
}
