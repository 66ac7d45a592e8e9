import { afterEach, describe, expect, it } from 'vitest';
import { createAdhocService } from '../../src/pipeline/adhoc.service';
import { createPipelineService } from '../../src/pipeline/pipeline.service';
import { funnelLines } from '../../src/present/funnel-view';
import { fakeClock } from '../../src/shared/clock';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';
import { addTradingDays } from '../../src/market/trading-calendar';
import { testConfig } from '../support/config';
import { flat, spikeLast, steady, writeMarket, recordShortVolumeImports } from '../support/market-fixture';
import { testLogger } from '../support/logger';
import { tempDb } from '../support/temp-db';

// Issue 13: a scan as of a past day judges its inputs by what was known that day. Short volume last
// imported 11 sessions before the day, with later days imported since, is 11 sessions stale for that
// run, whatever the store holds now.

const AS_OF = '2020-12-15';
const LATER = '2021-02-26';

describe('the health score of a run as of a past day', () => {
  let t: ReturnType<typeof tempDb>;
  afterEach(() => t?.cleanup());

  it('is well below 1 with short volume 11 sessions behind the day, and names why', async () => {
    t = tempDb();
    const dates = writeMarket(t.db, LATER, 140, {
      GME: { close: flat(20), volume: spikeLast(2e6, 6) },
      AMC: { close: flat(5), volume: steady(3e6) },
    });
    const repos = createRepos(t.db);
    const lastKnown = addTradingDays(AS_OF, -11);
    // short volume imported up to 11 sessions before the day, then again from well after it
    recordShortVolumeImports(
      t.db,
      dates.filter((d) => d <= lastKnown || d > addTradingDays(AS_OF, 5)),
    );
    const config = testConfig();
    const clock = fakeClock('2021-03-01T15:00:00Z');
    const settings = fixedSettings(config);
    const pipeline = createPipelineService({
      repos,
      settings,
      clock,
      logger: testLogger(),
      adhoc: createAdhocService({ repos, settings, clock }),
    });
    const result = await pipeline.run({ asOf: AS_OF });
    expect(result.run.summary.newest_short_volume).toBe(lastKnown);
    expect(result.run.healthScore).toBeLessThanOrEqual(0.7);
    const reason = `short volume 11 trading days behind ${AS_OF} (newest ${lastKnown})`;
    expect(result.run.summary.health_reasons).toEqual([reason]);
    expect(funnelLines(result.run, result.run.stages).join('\n')).toContain(`health 0.70 (${reason})`);
  });
});
