import { NO_DATA } from '../pipeline/stages/deep-scan.stage';
import type { SymbolInRun } from '../pipeline/symbol-in-run';
import { reasonWithFigures, stageLabel } from '../present/labels/reasons';

// Where a symbol stands in its run, in words: the one sentence /why and the ticker card both print.

/** One sentence (plain text) on where the symbol stands in its run; null without a run. */
export function standingText(r: SymbolInRun): string | null {
  switch (r.kind) {
    case 'no_run':
      return null;
    case 'absent':
      return 'Not part of that run: no recent bars in the store for that day, or outside the universe.';
    case 'cut': {
      const c = r.cut;
      if (c.criterion === NO_DATA) return 'Not scored: no data (no bars, short volume or short interest held).';
      return `Cut at ${stageLabel(c.stage)} — ${reasonWithFigures(c.criterion, c.value, c.threshold)}.${c.detail ? `\n${c.detail}` : ''}`;
    }
    case 'scored': {
      const rank = r.score.rank;
      if (r.funnelCut) return `Not picked: ${r.funnelCut}${rank !== null ? ` (scored rank ${rank})` : ''}.`;
      if (r.picked) return `Picked: rank ${rank} of the top ${r.rankingSize}.`;
      return `Deep-scanned and scored${rank ? ` (rank ${rank})` : ''}, but outside the top ${r.rankingSize}.`;
    }
  }
}

/**
 * What to do about a symbol the store holds nothing for: /add it, unless it is already watched (then
 * telling the trader to /add it reads as if the bot forgot it).
 */
export function noDataHint(symbol: string, watched: { expiresAt: string } | undefined, when = 'be scanned'): string {
  return watched
    ? `It is on the watchlist until ${watched.expiresAt.slice(0, 10)}: it is scored once the store holds bars, short volume or short interest for it.`
    : `Check the spelling, or /add ${symbol} to have it ${when}.`;
}
