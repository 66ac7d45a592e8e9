import type { DipAnalysis } from './dip-analysis';

// The portfolio line under /dips (004 spec §3.1 "summary"): how many positions are open, how many are
// dips, how many the rules say to add to, how many hold a strong thesis, and what the adds come to.

/** a thesis at least this strong (0..1, src/portfolio/dip-rules.ts) counts as strong */
export const STRONG_THESIS = 0.75;

export interface DipSummary {
  positions: number;
  dips: number;
  buyMore: number;
  strongThesis: number;
  /** the dollars of every BUY_MORE, at the prices analysed */
  buyMoreUsd: number;
}

export function dipSummary(openPositions: number, dips: readonly DipAnalysis[]): DipSummary {
  return {
    positions: openPositions,
    dips: dips.length,
    buyMore: dips.filter((d) => d.decision.action === 'BUY_MORE').length,
    strongThesis: dips.filter((d) => d.decision.strength >= STRONG_THESIS).length,
    buyMoreUsd: dips.reduce((s, d) => s + (d.buyMore?.usd ?? 0), 0),
  };
}
