import { oneLine } from '../support/phone-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/alerts/outbox';
import { createRepos } from '../../src/db/repos';
import { createPipelineRunsRepo } from '../../src/db/repos/pipeline-runs.repo';
import { createProviderHealthRepo } from '../../src/db/repos/provider-health.repo';
import { fakeClock } from '../../src/shared/clock';
import { runRecord, runWith } from '../support/alert-fixtures';
import { testConfig } from '../support/config';
import { alertService } from '../support/delivery';
import { tempDb } from '../support/temp-db';

// The no-volume-candidates alert used to advise "consider temporary threshold relaxation" even when the
// runs had no bars to measure: the cause is the data (and the host that did not answer), not a threshold.

let t: ReturnType<typeof tempDb>;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());

describe('no volume candidates with no current bars', () => {
  it('blames missing bars and the unreachable host, never the thresholds, under the same dedupe key', () => {
    const clock = fakeClock('2021-01-13T23:00:00.000Z');
    const repos = createRepos(t.db);
    const alerts = alertService(repos, testConfig(), clock, createOutbox({ repos, clock }), { emailAvailable: false });
    createProviderHealthRepo(t.db).call({
      provider: 'yahoo',
      url: 'https://query1.finance.yahoo.com/v8/finance/chart/GME',
      ok: false,
      status: null,
      ms: 3,
      error: 'network error: getaddrinfo ENOTFOUND',
      at: clock.now(),
    });
    const runs = createPipelineRunsRepo(t.db);
    runs.save(runRecord('2021-01-11', { volumeOut: 0 }));
    runs.save(runRecord('2021-01-12', { volumeOut: 0 }));
    const out = alerts.fromRun(runWith('2021-01-13', [], { volumeOut: 0 }));
    expect(out.system).toHaveLength(1);
    const body = oneLine(out.system[0]!.body);
    expect(out.system[0]!.dedupeKey).toBe('pipeline:no_volume_candidates');
    expect(body).toMatch(/Cause: provider unreachable: cannot reach query1\.finance\.yahoo\.com/);
    expect(body).toContain('no daily bars held');
    expect(body).toContain('squeezebot import FOLDER, then squeezebot chat --as-of DATE');
    expect(body).not.toMatch(/relax|\/set volume_detector|Check volume spike thresholds/i);
    // the next empty run is still suppressed, as before
    expect(alerts.fromRun(runWith('2021-01-14', [], { volumeOut: 0 })).system).toHaveLength(0);
  });
});
