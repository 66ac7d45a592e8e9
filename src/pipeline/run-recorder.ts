import type { Clock } from '../shared/clock';
import type { EliminationReason, RunRecord, StageName, StageRecord } from '../domain/runs';

// Records a pipeline run as it happens: each stage's input and output counts, criteria, every
// elimination with its reason (value against threshold), timings and errors. Kept in memory and
// saved in one go at the end (pipeline-runs.repo.ts), so recording costs little.

/** `discovery_20250903_143022` from the start instant (UTC). */
export function runId(at: Date, prefix = 'discovery'): string {
  const s = at.toISOString();
  return `${prefix}_${s.slice(0, 10).replaceAll('-', '')}_${s.slice(11, 19).replaceAll(':', '')}`;
}

export function createRunRecorder(options: { kind: 'live' | 'backtest'; asOf: string; clock: Clock; id?: string }) {
  const started = options.clock.now();
  const run: RunRecord = {
    id: options.id ?? runId(started),
    kind: options.kind,
    asOf: options.asOf,
    startedAt: started.toISOString(),
    finishedAt: null,
    status: 'running',
    stages: [],
    eliminations: new Map(),
    healthScore: null,
    fallbackDetected: false,
    error: null,
    summary: {},
  };

  /** the stage opened and not yet done or failed: where an exception thrown inside it belongs */
  let open: { name: StageName; fail(err: string): void } | null = null;

  const recorder = {
    run,
    /** Opens a stage; call `done(out)` with the symbols that pass, or `fail(err)`. */
    stage(name: StageName, symbolsIn: number, criteria: Record<string, unknown>) {
      const t0 = performance.now();
      const record: StageRecord = {
        seq: run.stages.length + 1,
        name,
        status: 'ok',
        symbolsIn,
        symbolsOut: 0,
        criteria,
        eliminated: 0,
        eliminationReasons: {},
        durationMs: 0,
        errors: [],
        fallback: null,
      };
      run.stages.push(record);
      const handle = {
        record,
        eliminate(
          symbol: string,
          criterion: EliminationReason,
          value: number | null = null,
          threshold: number | null = null,
          detail: string | null = null,
        ) {
          // a symbol is cut once: the first stage and criterion that cut it is the answer to "why"
          if (run.eliminations.has(symbol)) return;
          run.eliminations.set(symbol, {
            symbol,
            stage: name,
            criterion,
            value: finiteOrNull(value),
            threshold: finiteOrNull(threshold),
            detail,
          });
          record.eliminated++;
          record.eliminationReasons[criterion] = (record.eliminationReasons[criterion] ?? 0) + 1;
        },
        error(message: string) {
          record.errors.push(message);
        },
        fallback(what: string) {
          record.fallback = what;
          run.fallbackDetected = true;
        },
        done(symbolsOut: number) {
          record.symbolsOut = symbolsOut;
          record.durationMs = performance.now() - t0;
          open = null;
        },
        fail(err: string) {
          record.status = 'failed';
          record.errors.push(err);
          record.durationMs = performance.now() - t0;
          open = null;
        },
      };
      open = { name, fail: (err) => handle.fail(err) };
      return handle;
    },
    /**
     * Records `err` against stage `name`: on the stage itself when it was opened and threw before
     * finishing, else on a new failed record (it threw before opening its stage).
     */
    failStage(name: StageName, symbolsIn: number, err: string): void {
      if (open && open.name === name) open.fail(err);
      else recorder.stage(name, symbolsIn, {}).fail(err);
    },
    finish(
      status: RunRecord['status'],
      fields: { healthScore?: number; error?: string; summary?: Record<string, unknown> } = {},
    ) {
      run.status = status;
      run.finishedAt = options.clock.now().toISOString();
      run.healthScore = fields.healthScore ?? null;
      run.error = fields.error ?? null;
      run.summary = fields.summary ?? {};
      return run;
    },
  };
  return recorder;
}

export type RunRecorder = ReturnType<typeof createRunRecorder>;
export type StageHandle = ReturnType<RunRecorder['stage']>;

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
