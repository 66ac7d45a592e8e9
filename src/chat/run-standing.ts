import { fmtNum, words } from '../present/format';
import { NO_DATA } from '../pipeline/stages/deep-scan.stage';
import type { SymbolInRun } from '../pipeline/symbol-in-run';

// Where a symbol stands in its run, in words: the one sentence /why and the ticker card both print.

// counts (bars held, bars needed) read as counts, not as 1.00 against 21.0
const num = (x: number | null) =>
  x === null
    ? '—'
    : Math.abs(x) >= 1000 || Number.isInteger(x)
      ? x.toLocaleString('en-US', { maximumFractionDigits: 0 })
      : fmtNum(x, Math.abs(x) >= 10 ? 1 : 2);

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
      const against =
        c.value !== null || c.threshold !== null ? `: ${num(c.value)} against a threshold of ${num(c.threshold)}` : '';
      return `Cut at ${words(c.stage)} — ${words(c.criterion)}${against}.${c.detail ? `\n${c.detail}` : ''}`;
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
