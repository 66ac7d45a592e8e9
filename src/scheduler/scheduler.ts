import type { AsOf } from '../market/as-of';
import { SUCCESS_STATUSES, type JobRunsRepo, type JobTrigger } from '../db/repos/job-runs.repo';
import { marketDateAt } from '../market/market-time';
import type { Clock } from '../shared/clock';
import { UsageError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { startRun, type FinalStatus, type RunningJob } from './job-runner';
import type { JobSpec, JobState } from './job-types';
import { zonedInstant } from './schedule-rule';

// The scheduler decides, for an instant, which jobs are due: tick(now) is the whole decision, so a
// test steps a fake clock through a week and the real process calls it from one timer (timer-loop.ts).
// Rules: a job never overlaps itself (an occurrence that finds it running is skipped); a pending or
// failed run is retried until its retry_until; a job with inputs waits for them; on start, rows a crash
// left 'running' are closed as 'interrupted' and each job whose last success predates its last
// occurrence catches up once.

interface Next {
  at: Date;
  trigger: JobTrigger;
  forDate: string;
}

interface Entry {
  spec: JobSpec;
  next: Next | null;
  running: RunningJob | null;
  waitingFor: string[];
}

export interface SchedulerDeps {
  jobs: JobSpec[];
  repo: JobRunsRepo;
  clock: Clock;
  logger: Logger;
}

/** How often a job waiting for its inputs looks again. */
const WAIT_POLL_MS = 60_000;

export function createScheduler(deps: SchedulerDeps) {
  const { repo, clock } = deps;
  const log = deps.logger.child({ component: 'scheduler' });
  const entries = new Map<string, Entry>(
    deps.jobs.map((spec) => [spec.name, { spec, next: null, running: null, waitingFor: [] }]),
  );
  let started = false;
  let stopping = false;
  const listeners: (() => void)[] = [];

  const dateOf = (spec: JobSpec, at: Date): string => marketDateAt(at, spec.rule.timezone);
  const lastFailed = (name: string): boolean => {
    const last = repo.last(name);
    return !!last && last.status !== 'running' && !SUCCESS_STATUSES.includes(last.status);
  };

  function scheduled(e: Entry, after: Date): Next | null {
    let at = e.spec.rule.next(after);
    if (e.spec.retryRule && lastFailed(e.spec.name)) {
      const again = e.spec.retryRule.next(after);
      if (again && (!at || again < at)) at = again;
    }
    return at ? { at, trigger: 'schedule', forDate: dateOf(e.spec, at) } : null;
  }

  function retryDeadline(spec: JobSpec, forDate: string): Date | null {
    return spec.retry ? zonedInstant(forDate, spec.retry.until, spec.rule.timezone) : null;
  }

  /** A job still working on `forDate`: running, waiting for its own inputs, or with a retry or catch-up queued. */
  function inProgress(d: Entry, forDate: string): boolean {
    if (d.running) return true;
    const n = d.next;
    return (
      !!n && n.forDate === forDate && (d.waitingFor.length > 0 || n.trigger === 'retry' || n.trigger === 'catch_up')
    );
  }

  /**
   * Inputs not ready for `forDate`: still in progress, or not yet tried while there is time left to
   * wait. An input that was tried and gave up (pending past its retries, failed) is not waited for.
   */
  function waitingOn(e: Entry, forDate: string, now: Date): string[] {
    const deadline = retryDeadline(e.spec, forDate);
    return (e.spec.after ?? []).filter((dep) => {
      const d = entries.get(dep);
      if (!d || !d.spec.enabled || d === e) return false;
      if (inProgress(d, forDate)) return true;
      return !!deadline && now < deadline && !repo.attemptedFor(dep, forDate);
    });
  }

  function launch(e: Entry, trigger: JobTrigger, forDate: string): RunningJob {
    const run = startRun(e.spec, { repo, clock, logger: deps.logger }, trigger, forDate);
    e.running = run;
    void run.settled.then((status) => settle(e, run, status));
    return run;
  }

  function settle(e: Entry, run: RunningJob, status: FinalStatus): void {
    e.running = null;
    if (stopping) return;
    const now = clock.now();
    if (e.next?.trigger === 'schedule') e.next = scheduled(e, now);
    const deadline = retryDeadline(e.spec, run.forDate);
    if (deadline && (status === 'pending' || status === 'failed' || status === 'timeout')) {
      const at = new Date(now.getTime() + e.spec.retry!.everyMs);
      if (at <= deadline && (!e.next || at < e.next.at)) e.next = { at, trigger: 'retry', forDate: run.forDate };
    }
    for (const l of listeners) l();
  }

  return {
    /** Closes what a crash left running, plans every job, and queues catch-ups. Returns the catch-ups. */
    start(): string[] {
      const now = clock.now();
      const interrupted = repo.interruptRunning(now);
      if (interrupted) log.warn({ interrupted }, 'runs left by a stopped process closed as interrupted');
      const catchUps: string[] = [];
      for (const e of entries.values()) {
        if (!e.spec.enabled) continue;
        e.next = scheduled(e, now);
        if (!e.spec.catchUp) continue;
        const prev = e.spec.rule.previous(now);
        const ok = repo.lastSuccess(e.spec.name);
        if (prev && (!ok || new Date(ok.startedAt) < prev)) {
          e.next = { at: now, trigger: 'catch_up', forDate: dateOf(e.spec, prev) };
          catchUps.push(e.spec.name);
        }
      }
      started = true;
      stopping = false;
      log.info({ jobs: entries.size, catchUps }, 'scheduler started');
      return catchUps;
    },

    /** Starts every job due at `now` (in table order); returns the names started. */
    tick(now: Date = clock.now()): string[] {
      if (!started || stopping) return [];
      for (const e of entries.values()) {
        if (e.running && now.getTime() >= e.running.deadline) {
          e.running.close('timeout', `no result within ${Math.round(e.spec.timeoutMs / 60_000)} min`);
        }
      }
      const launched: string[] = [];
      for (const e of entries.values()) {
        const due = e.next;
        if (!e.spec.enabled || !due || due.at > now) continue;
        if (e.running) {
          // no overlap: this occurrence is dropped; the running one serves it
          log.info({ job: e.spec.name, since: e.running.since.toISOString() }, 'job still running, occurrence skipped');
          e.next = scheduled(e, now);
          continue;
        }
        const waiting = waitingOn(e, due.forDate, now);
        e.waitingFor = waiting;
        if (waiting.length) {
          e.next = { ...due, at: new Date(now.getTime() + WAIT_POLL_MS) };
          continue;
        }
        e.next = scheduled(e, now);
        launch(e, due.trigger, due.forDate);
        launched.push(e.spec.name);
      }
      return launched;
    },

    /** `/jobs run NAME`: runs the job now for its latest occurrence; resolves when it finishes. */
    async runNow(name: string): Promise<{ status: FinalStatus; runId: number }> {
      const e = entries.get(name);
      if (!e) throw new UsageError(`No job called "${name}". /jobs lists them.`);
      if (!e.spec.enabled)
        throw new UsageError(`${name} is disabled${e.spec.disabledReason ? `: ${e.spec.disabledReason}` : ''}.`);
      if (stopping) throw new UsageError('The scheduler is stopping.');
      if (e.running) throw new UsageError(`${name} is already running (since ${e.running.since.toISOString()}).`);
      const now = clock.now();
      const run = launch(e, 'manual', dateOf(e.spec, e.spec.rule.previous(now) ?? now));
      return { status: await run.settled, runId: run.runId };
    },

    /** The earliest instant something is due or a running job times out (the timer sleeps until then). */
    nextWake(): Date | null {
      let t: number | null = null;
      for (const e of entries.values()) {
        if (e.spec.enabled && e.next) t = t === null ? e.next.at.getTime() : Math.min(t, e.next.at.getTime());
        if (e.running) t = t === null ? e.running.deadline : Math.min(t, e.running.deadline);
      }
      return t === null ? null : new Date(t);
    },

    /** Called after each run settles (the timer loop wakes early so waiting jobs go on at once). */
    onSettled(listener: () => void): void {
      listeners.push(listener);
    },

    running(): string[] {
      return [...entries.values()].filter((e) => e.running).map((e) => e.spec.name);
    },

    /** Resolves when no job is running (tests). */
    async idle(): Promise<void> {
      for (;;) {
        const runs = [...entries.values()].flatMap((e) => (e.running ? [e.running.settled] : []));
        if (!runs.length) return;
        await Promise.allSettled(runs);
      }
    },

    /** Stops starting jobs, waits up to graceMs for running ones, closes the rest as 'interrupted'. */
    async stop(options: { graceMs?: number } = {}): Promise<{ finished: string[]; interrupted: string[] }> {
      stopping = true;
      const runs = [...entries.values()].filter((e) => e.running).map((e) => ({ name: e.spec.name, run: e.running! }));
      const done = new Set<string>();
      const all = Promise.all(runs.map(({ name, run }) => run.settled.then(() => void done.add(name))));
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.graceMs ?? 30_000);
      });
      await Promise.race([all, bound]);
      clearTimeout(timer);
      const interrupted = runs.filter(({ name }) => !done.has(name));
      for (const { run } of interrupted) run.close('interrupted', 'stopped at shutdown before it finished');
      log.info({ finished: [...done], interrupted: interrupted.map((r) => r.name) }, 'scheduler stopped');
      return { finished: [...done], interrupted: interrupted.map((r) => r.name) };
    },

    /** Each job's state; with `asOf` (a /status for a past day), its last run as of that day's end. */
    status(asOf?: AsOf): JobState[] {
      return [...entries.values()].map((e) => {
        const last = repo.last(e.spec.name, asOf);
        // not started in this process (a chat or CLI beside `start`): the next occurrence from the rule
        const next = e.next ?? (e.spec.enabled ? scheduled(e, clock.now()) : null);
        return {
          name: e.spec.name,
          description: e.spec.description,
          enabled: e.spec.enabled,
          disabledReason: e.spec.disabledReason,
          schedule: e.spec.rule.describe,
          nextAt: e.spec.enabled ? (next?.at ?? null) : null,
          nextTrigger: next?.trigger ?? null,
          running: e.running ? { since: e.running.since, trigger: e.running.trigger } : null,
          waitingFor: e.waitingFor,
          last: last
            ? {
                status: last.status,
                startedAt: last.startedAt,
                finishedAt: last.finishedAt,
                error: last.error,
                note: typeof last.stats?.note === 'string' ? last.stats.note : undefined,
              }
            : null,
        };
      });
    },

    names: (): string[] => [...entries.keys()],
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
