import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineDataRepo } from '../../src/db/repos/pipeline-data.repo';
import { createBarStore } from '../../src/pipeline/bar-store';
import { backtestJson, runBacktest } from '../../src/pipeline/backtest';
import { createDbPipelineSource } from '../../src/pipeline/db-pipeline-source';
import { runFunnel } from '../../src/pipeline/run-pipeline';
import { createRunRecorder } from '../../src/pipeline/run-recorder';
import { collectSymbolMetrics } from '../../src/pipeline/symbol-metrics';
import { createVolumeScreen } from '../../src/pipeline/volume-screen';
import { fakeClock } from '../../src/shared/clock';
import { scoreSymbol } from '../../src/signals/scoring/hybrid-score';
import { testConfig } from '../support/config';
import { flat, runUp, spikeLast, writeMarket, writeShortInterest } from '../support/market-fixture';
import { tempDb } from '../support/temp-db';
import { createRepos } from '../../src/db/repos';

const END = '2024-06-14';

describe('point in time', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  const sourceOn = (asOf: string, overrides: Partial<ReturnType<typeof createDbPipelineSource>> = {}) => {
    const data = createPipelineDataRepo(t.db);
    const bars = createBarStore(data.barsBetween('2024-01-01', '2024-12-31'));
    const source = createDbPipelineSource({
      asOf,
      data,
      bars,
      screen: createVolumeScreen(bars, 20),
      newest: { bars: END, shortvol: END },
    });
    return { ...source, ...overrides };
  };

  it('does not see a short-interest report before its publication date, and scores with it from that day on', async () => {
    t = tempDb();
    writeMarket(t.db, END, 70, { GME: { close: flat(20), volume: spikeLast(2e6, 6) } });
    // settled 2024-05-31, published on the 7th business day after: 2024-06-11
    writeShortInterest(t.db, {
      symbol: 'GME',
      settlement: '2024-05-31',
      published: '2024-06-11',
      shares: 30e6,
      previous: 20e6,
    });
    const config = testConfig();
    const before = await collectSymbolMetrics('GME', sourceOn('2024-06-10'), config, { floatShares: 60e6 });
    const on = await collectSymbolMetrics('GME', sourceOn('2024-06-11'), config, { floatShares: 60e6 });
    expect(before.shortInterest).toBeNull();
    expect(before.flags.map((f) => f.code)).toContain('no_short_interest');
    expect(scoreSymbol(before, config).weightSet).toBe('volume_only');
    expect(on.shortInterest).toMatchObject({
      settlementDate: '2024-05-31',
      sharesShort: 30e6,
      percentOfFloat: 0.5,
      changePct: 0.5,
      ageDays: 0,
    });
    expect(scoreSymbol(on, config).weightSet).toBe('with_finra');
  });

  it('never reads a bar or short-volume row dated after the day scored', async () => {
    t = tempDb();
    writeMarket(t.db, END, 70, { GME: { close: runUp(20, 3, 0.2), volume: spikeLast(2e6, 10) } });
    const m = await collectSymbolMetrics('GME', sourceOn('2024-06-12'), testConfig(), { floatShares: null });
    expect(m.volume?.date).toBe('2024-06-12');
    expect(m.shortVolume?.date).toBe('2024-06-12');
    // the 10× spike of the 14th is not visible on the 12th
    expect(m.volume!.volumeSpikeRatio!).toBeLessThan(1.5);
  });
});

describe('faults', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  const market = () => {
    t = tempDb();
    writeMarket(t.db, END, 70, {
      AAA: { close: flat(20), volume: spikeLast(2e6, 6) },
      BBB: { close: flat(25), volume: spikeLast(2e6, 5) },
      CCC: { close: flat(30), volume: spikeLast(2e6, 4) },
    });
    const data = createPipelineDataRepo(t.db);
    const bars = createBarStore(data.barsBetween('2024-01-01', END));
    return createDbPipelineSource({
      asOf: END,
      data,
      bars,
      screen: createVolumeScreen(bars, 20),
      newest: { bars: END, shortvol: END },
    });
  };
  const run = (source: ReturnType<typeof market>) =>
    runFunnel({
      source,
      config: testConfig(),
      recorder: createRunRecorder({ kind: 'live', asOf: END, clock: fakeClock('2024-06-14T23:00:00Z') }),
      adhoc: [],
    });

  it('finishes with the symbols that worked when one symbol fails, and records the error', async () => {
    const source = market();
    const result = await run({
      ...source,
      shortInterest: (s) => (s === 'BBB' ? boom('BBB') : source.shortInterest(s)),
    });
    expect(result.run.status).toBe('completed');
    expect(result.ranking.map((r) => r.symbol).sort()).toEqual(['AAA', 'CCC']);
    expect(result.run.eliminations.get('BBB')).toMatchObject({
      stage: 'squeeze_detection',
      criterion: 'scan_error',
      detail: 'store unreadable for BBB',
    });
    expect(result.run.stages[3]!.errors).toEqual(['BBB: store unreadable for BBB']);
    expect(result.run.healthScore).toBeLessThan(1);
  });

  it('aborts when the deep scan error rate passes the circuit-breaker threshold, and says why', async () => {
    const source = market();
    const result = await run({ ...source, shortInterest: (s) => (s === 'AAA' ? source.shortInterest(s) : boom(s)) });
    expect(result.run.status).toBe('aborted');
    expect(result.run.error).toMatch(/deep scan failed for 2 of 3 symbols \(67% > 50% circuit_breaker_threshold\)/);
    expect(result.ranking).toEqual([]);
  });

  it('records a failed stage and still finishes with what it has (partial)', async () => {
    const source = market();
    const result = await run({ ...source, screen: () => boom('screen') });
    expect(result.run.status).toBe('partial');
    expect(result.run.stages.find((s) => s.name === 'volume_filtering')).toMatchObject({
      status: 'failed',
      errors: ['store unreadable for screen'],
    });
    expect(result.run.stages.map((s) => s.name)).toEqual([
      'universe_loading',
      'price_filtering',
      'volume_filtering',
      'squeeze_detection',
      'final_ranking',
    ]);
    expect(result.run.error).toMatch(/^volume_filtering: store unreadable/);
  });
});

describe('backtest', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it('writes exactly from, to, alerts and rankings, with alerts held back by the cooldown', async () => {
    t = tempDb();
    // a symbol spiking on every one of the last 10 days would alert daily without cooldowns
    const everyDay = (i: number, n: number) => (i >= n - 10 ? 2e6 * (6 + (i % 3)) : 2e6 * (i % 2 ? 0.9 : 1.1));
    writeMarket(t.db, END, 80, {
      HOT: { close: runUp(10, 10, 0.05), volume: everyDay },
      COLD: { close: flat(10), volume: spikeLast(2e6, 1) },
    });
    const result = await runBacktest({
      repos: createRepos(t.db),
      // a smooth 5%-a-day climb has almost no realised volatility, so it scores about 0.3: levels low enough
      // for it to alert every day, so that only the cooldown holds it back
      config: testConfig((c) => {
        c.alerting.thresholds.high.squeeze_score = 0.3;
        c.alerting.thresholds.medium.squeeze_score = 0.27;
        c.alerting.thresholds.low.squeeze_score = 0.25;
        // cooldowns longer than the replay: only escalations repeat
        c.alerting.cooldown = {
          ...c.alerting.cooldown,
          high_alert_days: 14,
          medium_alert_days: 14,
          low_alert_days: 14,
        };
      }),
      clock: fakeClock('2024-06-20T00:00:00Z'),
      from: '2024-06-03',
      to: END,
    });
    const json = backtestJson(result);
    expect(Object.keys(json)).toEqual(['from', 'to', 'alerts', 'rankings']);
    expect(json.from).toBe('2024-06-03');
    expect(json.to).toBe(END);
    expect(json.alerts.length).toBeGreaterThan(0);
    for (const a of json.alerts) {
      expect(Object.keys(a)).toEqual(['date', 'symbol', 'level', 'score']);
      expect(['high', 'medium', 'low']).toContain(a.level);
    }
    for (const r of json.rankings) expect(Object.keys(r)).toEqual(['date', 'symbol', 'rank', 'score']);
    // HOT scores a level on each of the last 10 days, but alerts again only after the cooldown or on escalation
    const hot = json.alerts.filter((a) => a.symbol === 'HOT');
    expect(hot.length).toBeLessThan(10);
    const rank = { low: 1, medium: 2, high: 3 } as const;
    for (let i = 1; i < hot.length; i++) expect(rank[hot[i]!.level]).toBeGreaterThan(rank[hot[i - 1]!.level]);
    expect(json.alerts.some((a) => a.symbol === 'COLD')).toBe(false);
    // one ranking per day at most per symbol, rank 1 first
    const days = new Set(json.rankings.map((r) => r.date));
    for (const d of days)
      expect(json.rankings.filter((r) => r.date === d).map((r) => r.rank)).toEqual(
        [...Array<undefined>(json.rankings.filter((r) => r.date === d).length)].map((_, i) => i + 1),
      );
  });
});

function boom(what: string): never {
  throw new Error(`store unreadable for ${what}`);
}
