import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRunsRepo } from '../../src/db/repos/job-runs.repo';
import type { JobSpec } from '../../src/scheduler/job-types';
import { createRule } from '../../src/scheduler/schedule-rule';
import { createScheduler } from '../../src/scheduler/scheduler';
import { fakeClock } from '../../src/shared/clock';
import { testLogger } from '../support/logger';
import { et, nyTime } from '../support/scheduler-harness';
import { tempDb } from '../support/temp-db';

// Catch-up on start, a restart in the middle of a job, overlap, timeouts and the graceful stop, with
// hand-made jobs whose promises the test resolves.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function job(name: string, run: JobSpec['run'], over: Partial<JobSpec> = {}): JobSpec {
  return {
    name,
    description: name,
    rule: createRule({
      pattern: '15 18 * * *',
      timezone: 'America/New_York',
      describe: 'trading days 18:15',
      tradingDaysOnly: true,
    }),
    timeoutMs: 30 * 60_000,
    enabled: true,
    catchUp: true,
    run,
    ...over,
  };
}

describe('scheduler lifecycle', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  const make = (clock: ReturnType<typeof fakeClock>, jobs: JobSpec[]) =>
    createScheduler({ jobs, repo: createJobRunsRepo(t.db), clock, logger: testLogger() });

  it('catches a job up once on start when its last success predates its last occurrence', async () => {
    const clock = fakeClock(nyTime('2024-11-26 21:00'));
    const ran: string[] = [];
    const s = make(clock, [
      job('short_volume', async (c) => (ran.push(`${c.trigger} ${c.forDate} ${et(clock.now())}`), { status: 'ok' })),
    ]);
    expect(s.start()).toEqual(['short_volume']);
    s.tick();
    await s.idle();
    s.tick();
    await s.idle();
    expect(ran).toEqual(['catch_up 2024-11-26 2024-11-26 21:00']);
    // the next one is Wednesday's occurrence, not another catch-up
    expect(et(s.nextWake()!)).toBe('2024-11-27 18:15');
    // a second start finds it current
    expect(make(clock, [job('short_volume', async () => ({ status: 'ok' }))]).start()).toEqual([]);
  });

  it('after a crash in the middle of a job, closes the run as interrupted and runs it again once, not twice', async () => {
    const clock = fakeClock(nyTime('2024-11-26 18:14'));
    const hang = deferred();
    const first = make(clock, [job('scan', async () => (await hang.promise, { status: 'ok' }))]);
    createJobRunsRepo(t.db).finish(
      createJobRunsRepo(t.db).start('scan', 'schedule', '2024-11-25', nyTime('2024-11-25 18:15')),
      { status: 'ok', finishedAt: nyTime('2024-11-25 18:20') },
    );
    first.start();
    clock.set(nyTime('2024-11-26 18:15'));
    expect(first.tick()).toEqual(['scan']);
    // the process dies here: nothing finishes the row
    clock.set(nyTime('2024-11-26 18:40'));
    const runs: string[] = [];
    const second = make(clock, [job('scan', async (c) => (runs.push(`${c.trigger} ${c.forDate}`), { status: 'ok' }))]);
    expect(second.start()).toEqual(['scan']);
    for (let m = 0; m < 60; m++) {
      second.tick();
      await second.idle();
      clock.advance(60_000);
    }
    expect(runs).toEqual(['catch_up 2024-11-26']);
    const rows = createJobRunsRepo(t.db)
      .recent('scan', 10)
      .map((r) => r.status);
    expect(rows).toEqual(['ok', 'interrupted', 'ok']);
    hang.resolve();
  });

  it('skips an occurrence that finds the job still running instead of starting a second copy', async () => {
    const clock = fakeClock(nyTime('2024-11-26 09:59'));
    const gate = deferred();
    let started = 0;
    const every = createRule({
      pattern: '*/5 * * * *',
      timezone: 'America/New_York',
      describe: 'every 5 min',
      tradingDaysOnly: false,
    });
    const s = make(clock, [
      job('slow', async () => (started++, await gate.promise, { status: 'ok' }), { rule: every, catchUp: false }),
    ]);
    s.start();
    for (const hhmm of ['10:00', '10:05', '10:10']) {
      clock.set(nyTime(`2024-11-26 ${hhmm}`));
      s.tick();
    }
    expect(started).toBe(1);
    gate.resolve();
    await s.idle();
    clock.set(nyTime('2024-11-26 10:15'));
    s.tick();
    await s.idle();
    expect(started).toBe(2);
  });

  it('closes a run that outlives its timeout, and keeps the slot until the job really ends', async () => {
    const clock = fakeClock(nyTime('2024-11-26 18:14'));
    const gate = deferred();
    let started = 0;
    let aborted = false;
    const s = make(clock, [
      job(
        'stuck',
        async (c) => {
          started++;
          c.signal.addEventListener('abort', () => (aborted = true));
          await gate.promise;
          return { status: 'ok' };
        },
        { timeoutMs: 10 * 60_000, catchUp: false },
      ),
    ]);
    s.start();
    clock.set(nyTime('2024-11-26 18:15'));
    s.tick();
    clock.set(nyTime('2024-11-26 18:26'));
    s.tick();
    expect(aborted).toBe(true);
    expect(createJobRunsRepo(t.db).last('stuck')!.status).toBe('timeout');
    expect(s.running()).toEqual(['stuck']);
    gate.resolve();
    await s.idle();
    // its late outcome does not overwrite the timeout
    expect(createJobRunsRepo(t.db).last('stuck')!.status).toBe('timeout');
    expect(started).toBe(1);
  });

  it('stops gracefully: starts nothing new, waits for the running job, and closes what outlives the bound', async () => {
    const clock = fakeClock(nyTime('2024-11-26 18:14'));
    const s = make(clock, [
      job('quick', async () => (await new Promise((r) => setTimeout(r, 100)), { status: 'ok' }), { catchUp: false }),
      job('forever', () => new Promise(() => {}), { catchUp: false }),
    ]);
    s.start();
    clock.set(nyTime('2024-11-26 18:15'));
    expect(s.tick()).toEqual(['quick', 'forever']);
    const t0 = Date.now();
    const out = await s.stop({ graceMs: 1000 });
    expect(out).toEqual({ finished: ['quick'], interrupted: ['forever'] });
    expect(Date.now() - t0).toBeLessThan(3000);
    const repo = createJobRunsRepo(t.db);
    expect(repo.last('quick')!.status).toBe('ok');
    expect(repo.last('forever')!.status).toBe('interrupted');
    clock.set(nyTime('2024-11-27 18:15'));
    expect(s.tick()).toEqual([]);
  });
});
