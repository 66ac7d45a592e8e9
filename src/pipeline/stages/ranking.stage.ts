import type { Config } from '../../config/schema';
import type { RunRecorder } from '../run-recorder';
import type { ScannedSymbol } from './deep-scan.stage';

// Stage 5, final ranking: every scanned symbol by squeeze score (ties by symbol, so a ranking is
// reproducible), the best deep_scan.ranking_size kept as the day's list (/top, reports, backtest
// rankings). Alert levels were decided with the score; ranking never changes them.

export interface Ranked extends ScannedSymbol {
  rank: number;
}

export function rankingStage(
  scanned: ScannedSymbol[],
  config: Config,
  recorder: RunRecorder,
): { ranking: Ranked[]; all: Ranked[] } {
  const size = config.deep_scan.ranking_size;
  const stage = recorder.stage('final_ranking', scanned.length, {
    ranking_size: size,
    order: 'squeeze score, then symbol',
  });
  const all = [...scanned]
    .sort((a, b) => b.result.score - a.result.score || a.symbol.localeCompare(b.symbol))
    .map((s, i) => ({ ...s, rank: i + 1 }));
  const ranking = all.slice(0, size);
  const cut = ranking.at(-1)?.result.score ?? null;
  for (const s of all.slice(size))
    stage.eliminate(
      s.symbol,
      'below_ranking_cut',
      s.result.score,
      cut,
      `rank ${s.rank} of ${all.length}; ${size} kept`,
    );
  stage.done(ranking.length);
  return { ranking, all };
}
