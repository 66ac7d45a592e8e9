// A discovery pipeline run as recorded (src/pipeline/run-recorder.ts) and stored
// (pipeline-runs.repo.ts): the funnel a user sees, stage by stage, with every elimination's reason.

export type StageName =
  'universe_loading' | 'price_filtering' | 'volume_filtering' | 'squeeze_detection' | 'final_ranking';

export interface Elimination {
  symbol: string;
  stage: StageName;
  /** machine-readable reason, counted per stage: price_too_high, insufficient_volume_spike, ... */
  criterion: string;
  value: number | null;
  threshold: number | null;
  detail: string | null;
}

export interface StageRecord {
  seq: number;
  name: StageName;
  status: 'ok' | 'failed' | 'skipped';
  symbolsIn: number;
  symbolsOut: number;
  criteria: Record<string, unknown>;
  eliminated: number;
  eliminationReasons: Record<string, number>;
  durationMs: number;
  errors: string[];
  fallback: string | null;
}

export interface RunRecord {
  id: string;
  kind: 'live' | 'backtest';
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'completed' | 'partial' | 'aborted' | 'failed';
  stages: StageRecord[];
  eliminations: Map<string, Elimination>;
  healthScore: number | null;
  fallbackDetected: boolean;
  error: string | null;
  summary: Record<string, unknown>;
}
