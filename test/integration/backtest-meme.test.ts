import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/importers/import-files';
import { backtestJson, runBacktest, type BacktestResult } from '../../src/pipeline/backtest';
import { scoreEvents } from '../../src/pipeline/backtest-events';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { SHARED_SKIP_MESSAGE, hasSharedData, sharedPath } from '../support/shared-data';
import { tempDb } from '../support/temp-db';
import { createRepos } from '../../src/db/repos';

// The development set (../shared/data/meme-2020-2021: a year of bars and short volume for 12 names
// around January 2021), imported with the real importer and replayed with the default config. A check
// that the product does what it is for, not a target: nothing in code or config is tuned to it.

describe.skipIf(!hasSharedData)('backtest on the meme 2020–2021 development set', () => {
  let t: ReturnType<typeof tempDb>;
  let result: BacktestResult;
  beforeAll(async () => {
    t = tempDb();
    const clock = fakeClock('2021-06-10T00:00:00Z');
    const report = await importPaths([sharedPath('meme-2020-2021')], { db: t.db, logger: testLogger(), clock });
    expect(report.exitCode).toBe(0);
    result = await runBacktest({
      repos: createRepos(t.db),
      config: testConfig(),
      clock,
      from: '2020-06-03',
      to: '2021-06-03',
    });
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('alerts the January 2021 GME run before its close peak of 2021-01-27', () => {
    const gme = result.alerts.filter((a) => a.symbol === 'GME' && a.date >= '2021-01-05' && a.date < '2021-01-27');
    expect(gme.length).toBeGreaterThan(0);
    const score = scoreEvents([{ symbol: 'GME', start: '2021-01-12', peak: '2021-01-27' }], result.alerts, result.bars);
    expect(score.recall).toBe(1);
    expect(score.events[0]!.leadDays).toBeGreaterThan(0);
  });

  it('draws no high alert on AAPL, MSFT or SPY all year', () => {
    expect(result.alerts.filter((a) => ['AAPL', 'MSFT', 'SPY'].includes(a.symbol) && a.level === 'high')).toEqual([]);
  });

  it('replays every trading day and never scores NaN through the December 2020 hole', () => {
    expect(result.days).toHaveLength(253);
    const json = backtestJson(result);
    for (const r of json.rankings) expect(Number.isFinite(r.score)).toBe(true);
    expect(json.rankings.length).toBeGreaterThan(0);
  });
});

if (!hasSharedData) console.warn(SHARED_SKIP_MESSAGE);
