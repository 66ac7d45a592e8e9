import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineRunsRepo } from '../../src/db/repos/pipeline-runs.repo';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { createPipelineService } from '../../src/pipeline/pipeline.service';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { flat, runUp, spikeLast, steady, writeMarket } from '../support/market-fixture';
import { testLogger } from '../support/logger';
import { tempDb } from '../support/temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// A small market built so that every stage's cut is known: the funnel counts, the elimination
// reasons and the ranking below follow from the shapes, not from running the code.

const AS_OF = '2024-06-14';

const MARKET = {
  CHEAP: { close: flat(0.5), volume: spikeLast(2e6, 8) }, // price_too_low (min 1.00)
  PRICEY: { close: flat(900), volume: spikeLast(2e6, 8) }, // price_too_high (max 500)
  STALE: { close: flat(20), volume: spikeLast(2e6, 8), endsDaysBefore: 10 }, // no bar for 10 trading days
  THIN: { close: flat(20), volume: spikeLast(2e6, 8), days: 5 }, // 5 bars: no 20-day average
  ILLIQ: { close: flat(20), volume: spikeLast(1e5, 8) }, // 20-day average 100k < 500k
  FLAT1: { close: flat(20), volume: spikeLast(2e6, 1) }, // no spike, RSI near 50
  FLAT2: { close: flat(30), volume: steady(3e6) },
  SPIKEA: { close: runUp(10, 8, 0.06), volume: spikeLast(2e6, 9) }, // 9× and a run-up: the best
  SPIKEB: { close: flat(15), volume: spikeLast(2e6, 4) }, // 4×, no price move
};

describe('the discovery funnel on a constructed market', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  const setup = () => {
    t = tempDb();
    writeMarket(t.db, AS_OF, 70, MARKET);
    const config = testConfig();
    const clock = fakeClock('2024-06-14T23:00:00Z');
    const adhoc = createAdhocService({ repos: createRepos(t.db), settings: fixedSettings(config), clock });
    const pipeline = createPipelineService({
      repos: createRepos(t.db),
      settings: fixedSettings(config),
      clock,
      logger: testLogger(),
      adhoc,
    });
    return { config, clock, adhoc, pipeline, runs: createPipelineRunsRepo(t.db) };
  };

  it('two runs started in the same second are both saved, each whole under its own id (issue 14)', async () => {
    const { pipeline, runs } = setup(); // the fake clock stands still: both start at 23:00:00
    const first = await pipeline.run({ asOf: AS_OF });
    const second = await pipeline.run({ asOf: AS_OF });
    expect(second.run.id).toBe(`${first.run.id}_2`);
    for (const r of [first, second]) {
      expect(runs.stages(r.run.id).map((s) => s.name)).toHaveLength(r.run.stages.length);
      expect(runs.elimination(r.run.id, 'PRICEY')?.criterion).toBe('price_too_high');
    }
    expect(runs.latest()!.id).toBe(second.run.id);
    expect((await pipeline.run({ asOf: AS_OF })).run.id).toBe(`${first.run.id}_3`);
  });

  it("takes the run saved last as the day's, even when a re-scan of the day started at an earlier clock", async () => {
    const { config, adhoc } = setup();
    const repos = createRepos(t.db);
    const scan = (at: string) =>
      createPipelineService({
        repos,
        settings: fixedSettings(config),
        clock: fakeClock(at),
        logger: testLogger(),
        adhoc,
      });
    // the live run after midnight, then `chat --as-of` re-scans the day at its own evening clock
    const live = await scan('2024-06-15T00:00:05Z').run({ asOf: AS_OF });
    const rescan = await scan('2024-06-14T22:30:00Z').run({ asOf: AS_OF });
    expect(rescan.run.startedAt < live.run.startedAt).toBe(true);
    const reads = repos.chatReads;
    expect(reads.latestRunOnOrBefore(AS_OF)!.id).toBe(rescan.run.id);
    // the day's scores are the re-scan's (one row per symbol and day): its ranking is what /top shows
    expect(reads.ranking(rescan.run.id, 10).map((r) => r.symbol)).toEqual(['SPIKEA', 'SPIKEB']);
    expect(repos.reportReads.runOfDay(AS_OF)?.id).toBe(rescan.run.id);
  });

  it('cuts each symbol at the stage and criterion its shape dictates, and ranks the rest by score', async () => {
    const { pipeline, runs } = setup();
    const result = await pipeline.run({ asOf: AS_OF });
    const stages = result.run.stages.map((s) => [s.name, s.symbolsIn, s.symbolsOut, s.eliminationReasons]);
    expect(stages).toEqual([
      ['universe_loading', 9, 9, {}],
      ['price_filtering', 9, 6, { price_too_low: 1, price_too_high: 1, stale_price_data: 1 }],
      ['volume_filtering', 6, 2, { insufficient_history: 1, avg_volume_too_low: 1, insufficient_volume_spike: 2 }],
      ['squeeze_detection', 2, 2, {}],
      ['final_ranking', 2, 2, {}],
    ]);
    expect(result.ranking.map((r) => [r.rank, r.symbol])).toEqual([
      [1, 'SPIKEA'],
      [2, 'SPIKEB'],
    ]);
    expect(result.run.status).toBe('completed');
    // no universe loaded: the run says it fell back to "every symbol with bars"
    expect(result.run.fallbackDetected).toBe(true);
    // health: all 5 stages ran (0.5) + freshness of the staler input: short volume unknown to
    // dataset_status, since the fixture wrote rows without an import record (0) + no errors (0.2)
    expect(result.run.healthScore).toBe(0.7);
    expect(result.run.summary.health_reasons).toEqual([`no short volume held on ${AS_OF}`]);

    // stored: the elimination a user asks about with /why, value against threshold
    const saved = runs.latest()!;
    expect(saved.id).toBe(result.run.id);
    expect(saved.id).toMatch(/^discovery_\d{8}_\d{6}$/);
    expect(runs.elimination(saved.id, 'PRICEY')).toMatchObject({
      stage: 'price_filtering',
      criterion: 'price_too_high',
      threshold: 500,
    });
    expect(runs.elimination(saved.id, 'PRICEY')!.value).toBeCloseTo(909, 0);
    expect(runs.elimination(saved.id, 'ILLIQ')).toMatchObject({
      stage: 'volume_filtering',
      criterion: 'avg_volume_too_low',
      threshold: 500_000,
    });
    expect(runs.elimination(saved.id, 'THIN')).toMatchObject({ criterion: 'insufficient_history' });
    expect(runs.stages(saved.id)).toHaveLength(5);
    const scores = runs.scoresOn(AS_OF);
    expect(scores.map((s) => s.symbol)).toEqual(['SPIKEA', 'SPIKEB']);
    expect(scores[0]!.weightSet).toBe('volume_only');
    for (const s of scores) expect(Number.isFinite(s.score)).toBe(true);
  });

  it('deep-scans an ad-hoc ticker the funnel cut, says what the funnel thought, and promotes it at the threshold', async () => {
    const { pipeline, adhoc, config, runs } = setup();
    adhoc.add('FLAT1', { by: 'test' });
    config.adhoc.auto_promote_threshold = 0; // any score promotes
    const result = await pipeline.run({ asOf: AS_OF });
    const flat1 = result.scored.find((r) => r.symbol === 'FLAT1');
    expect(flat1?.source).toBe('adhoc');
    expect(flat1!.metrics.flags.find((f) => f.code === 'adhoc_override')?.message).toMatch(
      /volume detector: volume 1\.0× its average, below the \d\.\d× needed/,
    );
    expect(runs.elimination(result.run.id, 'FLAT1')).toBeUndefined();
    expect(result.run.stages[3]).toMatchObject({ name: 'squeeze_detection', symbolsIn: 3, symbolsOut: 3 });
    expect(result.promoted).toEqual(['FLAT1']);
    expect(adhoc.list()).toEqual([]);
  });

  it('follows a name alerted within follow_days through max_price, and drops it once the window has passed', async () => {
    const { pipeline, config, clock } = setup();
    const alerts = createRepos(t.db).alerts;
    // PRICEY (900 > max_price 500) was alerted five trading days before AS_OF
    alerts.insert({
      kind: 'squeeze',
      symbol: 'PRICEY',
      severity: 'high',
      asOf: '2024-06-07',
      title: 'HIGH PRICEY',
      body: '',
      createdAt: '2024-06-07T23:00:00.000Z',
    });
    const result = await pipeline.run({ asOf: AS_OF });
    const pricey = result.scored.find((r) => r.symbol === 'PRICEY');
    expect(pricey?.source).toBe('followed');
    expect(pricey!.metrics.flags.find((f) => f.code === 'followed_override')?.message).toMatch(
      /price filter: price \$\d+\.\d\d, above the \$500\.00 max; scanned because it is alerted or top-ranked recently: its run is followed/,
    );
    expect(result.run.stages[3]).toMatchObject({ name: 'squeeze_detection', symbolsIn: 3 });

    config.volume_detector.filters.follow_days = 4; // the alert is now outside the window
    clock.advance(1000); // run ids are per second (issue 14)
    const later = await pipeline.run({ asOf: AS_OF });
    expect(later.scored.map((r) => r.symbol)).not.toContain('PRICEY');
  });

  it('keeps only ranking_size symbols and records the rest as below the cut', async () => {
    const { pipeline, config } = setup();
    config.deep_scan.ranking_size = 1;
    const result = await pipeline.run({ asOf: AS_OF });
    expect(result.ranking.map((r) => r.symbol)).toEqual(['SPIKEA']);
    expect(result.run.eliminations.get('SPIKEB')).toMatchObject({
      stage: 'final_ranking',
      criterion: 'below_ranking_cut',
    });
  });

  it('sends max_candidates best-detected symbols to the deep scan and cuts the others with the cut score', async () => {
    const { pipeline, config } = setup();
    config.volume_detector.filters.max_candidates = 1;
    const result = await pipeline.run({ asOf: AS_OF });
    expect(result.run.stages[2]).toMatchObject({
      symbolsOut: 1,
      eliminationReasons: {
        below_candidate_cut: 1,
        insufficient_history: 1,
        avg_volume_too_low: 1,
        insufficient_volume_spike: 2,
      },
    });
    expect(result.ranking.map((r) => r.symbol)).toEqual(['SPIKEA']);
  });
});
