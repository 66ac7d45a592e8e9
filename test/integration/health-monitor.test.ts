import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SystemAlertSpec } from '../../src/alerts/system-rules';
import { createJobRunsRepo } from '../../src/db/repos/job-runs.repo';
import { createProviderHealthRepo } from '../../src/db/repos/provider-health.repo';
import { createHealthMonitor } from '../../src/monitoring/health-monitor';
import { healthAlerts } from '../../src/monitoring/health-rules';
import { assessFreshness } from '../../src/signals/freshness';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from '../support/config';
import { testLogger } from '../support/logger';
import { nyTime } from '../support/scheduler-harness';
import { tempDb } from '../support/temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// Health rules: stale data, a circuit open past its limit, a job failing N times in a row — each a
// WARNING with recommended actions, raised through the alert engine's system alerts.

describe('health rules (pure)', () => {
  const now = nyTime('2024-11-26 22:00');
  it('warns about a dataset behind the calendar with actions naming its job, and not about a current one', () => {
    const specs = healthAlerts(
      {
        now,
        freshness: [
          { freshness: assessFreshness('shortvol', '2024-11-22', now), job: 'short_volume' },
          { freshness: assessFreshness('bars', '2024-11-26', now), job: 'daily_bars' },
        ],
        circuits: [],
        jobs: [],
      },
      { circuitOpenMinutes: 30, jobFailuresInARow: 3 },
    );
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({
      severity: 'warning',
      title: 'Stale data: shortvol',
      dedupeKey: 'health:stale:shortvol:2024-11-26',
    });
    expect(specs[0]!.body).toContain('2 trading days stale (newest 2024-11-22, expected 2024-11-26)');
    expect(specs[0]!.actions[0]).toBe('Run the collector now: /jobs run short_volume');
  });

  it.each([
    [29, 0],
    [31, 1],
  ])('a circuit open %i minutes gives %i warning(s)', (minutes, n) => {
    const specs = healthAlerts(
      {
        now,
        freshness: [],
        jobs: [],
        circuits: [
          {
            provider: 'finra_files',
            state: 'open',
            openSince: new Date(now.getTime() - minutes * 60_000),
            lastError: 'HTTP 503',
          },
        ],
      },
      { circuitOpenMinutes: 30, jobFailuresInARow: 3 },
    );
    expect(specs).toHaveLength(n);
    if (n) expect(specs[0]!.title).toBe(`Provider finra_files: circuit open for ${minutes} min`);
  });

  it('warns about a job only when its last N runs all failed', () => {
    const run = (status: 'failed' | 'ok' | 'timeout') => ({
      status,
      error: status === 'ok' ? null : 'boom',
      startedAt: '2024-11-26T23:00:00Z',
    });
    const rules = { circuitOpenMinutes: 30, jobFailuresInARow: 3 };
    expect(
      healthAlerts(
        {
          now,
          freshness: [],
          circuits: [],
          jobs: [{ name: 'scan', recent: [run('failed'), run('timeout'), run('ok')] }],
        },
        rules,
      ),
    ).toEqual([]);
    const specs = healthAlerts(
      {
        now,
        freshness: [],
        circuits: [],
        jobs: [{ name: 'scan', recent: [run('failed'), run('timeout'), run('failed')] }],
      },
      rules,
    );
    expect(specs.map((s) => s.title)).toEqual(['Job scan failed 3 times in a row']);
  });
});

describe('health monitor over the database', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('keeps an outage start across re-openings, ignores a circuit closed by a later success, and skips datasets whose job never ran', () => {
    const clock = fakeClock(nyTime('2024-11-26 12:00'));
    const health = createProviderHealthRepo(t.db);
    const raised: SystemAlertSpec[] = [];
    const monitor = createHealthMonitor({
      repos: createRepos(t.db),
      settings: fixedSettings(testConfig()),
      clock,
      logger: testLogger(),
      raise: (s) => raised.push(s),
      // a calm process: these tests are about data, circuits and jobs (resource-rules.test.ts has the limits)
      usage: () => ({ rssMb: 100, heapUsedMb: 50, cpuPct: 1 }),
      jobs: () => [
        { name: 'short_volume', enabled: true, running: false },
        { name: 'scan', enabled: true, running: false },
      ],
    });
    health.circuit('finra_files', 'open', nyTime('2024-11-26 12:00'));
    expect(monitor.check(nyTime('2024-11-26 12:10')).findings).toEqual([]);
    // the probe fails at 12:15: the db now says opened 12:15, the outage began 12:00
    health.circuit('finra_files', 'half_open', nyTime('2024-11-26 12:15'));
    health.circuit('finra_files', 'open', nyTime('2024-11-26 12:15'));
    expect(monitor.check(nyTime('2024-11-26 12:31')).findings).toEqual([
      'Provider finra_files: circuit open for 31 min',
    ]);
    // a row left 'open' by an earlier process is stale once a call has succeeded since
    health.call({
      provider: 'polygon',
      url: 'https://api.polygon.io/',
      ok: true,
      status: 200,
      ms: 5,
      at: nyTime('2024-11-26 12:20'),
    });
    health.circuit('polygon', 'open', nyTime('2024-11-26 11:00'));
    expect(monitor.check(nyTime('2024-11-26 12:40')).findings).toEqual([
      'Provider finra_files: circuit open for 40 min',
    ]);
    // short volume has never run: no stale warning although no data is held
    expect(raised.some((s) => s.title.startsWith('Stale'))).toBe(false);
    const repo = createJobRunsRepo(t.db);
    repo.finish(repo.start('short_volume', 'schedule', '2024-11-26', nyTime('2024-11-26 18:15')), {
      status: 'pending',
      finishedAt: nyTime('2024-11-26 18:15'),
    });
    expect(monitor.check(nyTime('2024-11-26 22:00')).findings).toContain('Stale data: shortvol');
    expect(raised.filter((s) => s.title === 'Stale data: shortvol')[0]!.actions).toContain(
      'Run the collector now: /jobs run short_volume',
    );
  });
});
