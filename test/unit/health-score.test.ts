import { describe, expect, it } from 'vitest';
import { healthReasons, healthScore, type HealthInput } from '../../src/pipeline/health-score';
import { addTradingDays } from '../../src/market/trading-calendar';
import type { StageRecord } from '../../src/domain/runs';

const AS_OF = '2020-12-15';
const stage = (name: string, status: StageRecord['status'] = 'ok'): StageRecord => ({
  seq: 0,
  name: name as StageRecord['name'],
  status,
  symbolsIn: 1,
  symbolsOut: 1,
  criteria: {},
  eliminated: 0,
  eliminationReasons: {},
  durationMs: 1,
  errors: [],
  fallback: null,
});
const STAGES = ['universe_loading', 'price_filtering', 'volume_filtering', 'squeeze_detection', 'final_ranking'];
const input = (over: Partial<HealthInput> = {}): HealthInput => ({
  stages: STAGES.map((s) => stage(s)),
  asOf: AS_OF,
  newestBars: AS_OF,
  newestShortVolume: AS_OF,
  errors: 0,
  processed: 10,
  ...over,
});

describe('the pipeline health score', () => {
  it('is 1 with every stage run on current inputs and nothing failed, and names no reason', () => {
    expect(healthScore(input())).toBe(1);
    expect(healthReasons(input())).toEqual([]);
  });

  it('falls well below 1 when short volume is 11 sessions behind the day, and says so', () => {
    const behind = input({ newestShortVolume: addTradingDays(AS_OF, -11) });
    expect(healthScore(behind)).toBeLessThanOrEqual(0.7);
    expect(healthReasons(behind)).toEqual([
      `short volume 11 trading days behind ${AS_OF} (newest ${addTradingDays(AS_OF, -11)})`,
    ]);
  });

  it('counts the staler input, so current bars do not hide stale short volume', () => {
    const oneBehind = healthScore(input({ newestShortVolume: addTradingDays(AS_OF, -1) }));
    expect(oneBehind).toBe(Math.round((0.5 + 0.3 * 0.75 + 0.2) * 1000) / 1000);
  });

  it('names a failed stage, errors and a missing input', () => {
    const bad = input({
      stages: [...STAGES.slice(0, 4).map((s) => stage(s)), stage('final_ranking', 'failed')],
      newestBars: null,
      errors: 2,
    });
    expect(healthReasons(bad)).toEqual([
      '1 of 5 stages did not finish',
      `no bars held on ${AS_OF}`,
      '2 of 10 symbols failed',
    ]);
  });
});
