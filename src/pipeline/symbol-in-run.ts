import type { ChatReadsRepo } from '../db/repos/chat-reads.repo';
import type { PipelineRunsRepo, StoredElimination, StoredRun, StoredScore } from '../db/repos/pipeline-runs.repo';

// Where one symbol stands in the newest live run of a day: the run's stored per-symbol result (the
// funnel stage that cut it, or its score, rank and level). /why and the ticker card both read this one
// record (worded once, chat/run-standing.ts), so the two can never tell a different story.

export type SymbolInRun =
  | { kind: 'no_run' }
  /** the run holds nothing for it: no bars that day, or outside the universe */
  | { kind: 'absent'; run: StoredRun }
  /** cut by the funnel, or not scored for lack of data (criterion no_data) */
  | { kind: 'cut'; run: StoredRun; cut: StoredElimination }
  | {
      kind: 'scored';
      run: StoredRun;
      score: StoredScore;
      /** in the day's list on the funnel's own merit */
      picked: boolean;
      rankingSize: number;
      /** the funnel's cut an ad-hoc or followed name was scanned past (its override flag's message) */
      funnelCut: string | null;
    };

export interface SymbolInRunReads {
  reads: Pick<ChatReadsRepo, 'latestRunOnOrBefore' | 'scoreInRun'>;
  runs: Pick<PipelineRunsRepo, 'elimination'>;
}

const OVERRIDES = new Set(['adhoc_override', 'followed_override']);

export function symbolInRun(deps: SymbolInRunReads, symbol: string, asOf: string, rankingSize: number): SymbolInRun {
  const run = deps.reads.latestRunOnOrBefore(asOf);
  if (!run) return { kind: 'no_run' };
  const cut = deps.runs.elimination(run.id, symbol);
  if (cut) return { kind: 'cut', run, cut };
  const score = deps.reads.scoreInRun(run.id, symbol);
  if (!score) return { kind: 'absent', run };
  const funnelCut = (score.flags ?? []).find((f) => OVERRIDES.has(f.code))?.message ?? null;
  const picked = funnelCut === null && score.rank !== null && score.rank <= rankingSize;
  return { kind: 'scored', run, score, picked, rankingSize, funnelCut };
}
