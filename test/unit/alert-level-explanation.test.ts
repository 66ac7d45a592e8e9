import { describe, expect, it } from 'vitest';
import type { SymbolMetrics } from '../../src/signals/metric-types';
import { alertLevel, nextLevelText } from '../../src/signals/scoring/alert-level';
import { seedThresholds, testConfig } from '../support/config';

// Issue 13: "Score 0.80 … level medium" with the high threshold at 0.80 and nothing saying which high
// condition failed. The line is built from the checks alertLevel decides on, so it names the failing one.
// Seed thresholds: high 0.8 / 5× / 25% / 0.6 · medium 0.6 / 4× / 20% / 0.5 · low 0.4 / 3× / 15% / 0.4
const thresholds = testConfig(seedThresholds).alerting.thresholds;

function metrics(spike: number | null, pctFloat: number | null, sentiment: number | null): SymbolMetrics {
  return {
    symbol: 'GME',
    asOf: '2021-01-22',
    volume:
      spike === null
        ? null
        : {
            date: '2021-01-22',
            close: 65,
            volume: spike * 1e6,
            avgVolume20: 1e6,
            volumeSpikeRatio: spike,
            rsi14: 88,
            momentum: 2.4,
            volumeConsistency: 0.6,
            atr14: 5,
            barsAvailable: 250,
          },
    shortInterest: {
      settlementDate: '2020-12-31',
      publishedOn: '2021-01-12',
      sharesShort: 68e6,
      percentOfFloat: pctFloat,
      daysToCover: 5.9,
      changePct: 0,
      ageDays: 10,
      quality: 0.9,
    },
    shortVolume: null,
    offExchange: null,
    transient: { sentiment24h: sentiment, callPutRatio: null, optionsVolume: null, borrowFeePct: null },
    flags: [],
  };
}

describe('the next level up, condition by condition', () => {
  it('a score exactly at the high threshold passes; the failing spike is the one marked ✗', () => {
    const o = alertLevel({ score: 0.8 }, metrics(4.5, 0.3, 0.7), thresholds);
    expect(o.level).toBe('medium');
    expect(nextLevelText(o)).toBe(
      'high needs: score 0.80 ≥ 0.80 ✓, volume spike 4.5 ≥ 5.0 ✗, short interest % of float 30% ≥ 25% ✓, sentiment 0.70 ≥ 0.60 ✓',
    );
  });

  it('a score just under the threshold that rounds to it shows the digits that make it fail', () => {
    const o = alertLevel({ score: 0.79996 }, metrics(6, 0.3, 0.7), thresholds);
    expect(o.level).toBe('medium');
    expect(nextLevelText(o)).toMatch(/^high needs: score 0\.79996 ≥ 0\.80 ✗, volume spike 6\.0 ≥ 5\.0 ✓/);
  });

  it('every ✗ in the line is a condition that failed the decision, and all ✓ at a decided level', () => {
    for (const score of [0.3, 0.59, 0.6, 0.61, 0.79, 0.8, 0.95]) {
      for (const spike of [2, 3, 4, 5, 7]) {
        const o = alertLevel({ score }, metrics(spike, 0.22, 0.55), thresholds);
        if (!o.next) {
          expect(o.level).toBe('high');
          continue;
        }
        // the level above was not reached, so at least one of its checks must have failed
        expect(o.next.checks.some((c) => !c.holds)).toBe(true);
        expect(nextLevelText(o)).toContain('✗');
        expect((nextLevelText(o)!.match(/✗/g) ?? []).length).toBe(o.next.checks.filter((c) => !c.holds).length);
      }
    }
  });

  it('a skipped input is named as skipped, not as passed or failed', () => {
    const o = alertLevel({ score: 0.9 }, metrics(6, null, null), thresholds);
    expect(o.level).toBe('high');
    expect(o.next).toBeNull();
    const low = alertLevel({ score: 0.3 }, metrics(6, null, null), thresholds);
    expect(low.level).toBeNull();
    expect(nextLevelText(low)).toBe(
      'low needs: score 0.30 ≥ 0.40 ✗, volume spike 6.0 ≥ 3.0 ✓, short interest % of float skipped, sentiment skipped',
    );
  });
});
