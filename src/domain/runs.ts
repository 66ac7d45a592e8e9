// A discovery pipeline run as recorded (src/pipeline/run-recorder.ts) and stored
// (pipeline-runs.repo.ts): the funnel a user sees, stage by stage, with every elimination's reason.

export type StageName = (typeof STAGE_NAMES)[number];

/**
 * Every reason a pipeline stage cuts a symbol for, as stored and counted (the machine keys). Stages may
 * cut only for one of these, so src/present/labels can give each its words.
 */
export const ELIMINATION_REASONS = [
  // universe
  'inactive',
  'test_issue',
  'etf_excluded',
  'exchange_not_allowed',
  'market_cap_too_low',
  'market_cap_too_high',
  // price filter
  'no_price_data',
  'stale_price_data',
  'price_too_low',
  'price_too_high',
  // volume detector
  'avg_volume_too_low',
  'insufficient_volume_spike',
  'zero_volume',
  'insufficient_history',
  'below_candidate_cut',
  // deep scan
  'no_data',
  'scan_error',
  // ranking
  'below_ranking_cut',
] as const;
export type EliminationReason = (typeof ELIMINATION_REASONS)[number];

export const STAGE_NAMES = [
  'universe_loading',
  'price_filtering',
  'volume_filtering',
  'squeeze_detection',
  'final_ranking',
] as const;

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
