import type { JobRunsRepo, JobRunStatus, JobTrigger } from '../db/repos/job-runs.repo';
import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { JobSpec } from './job-types';
import { retryOnBusy } from '../db/busy-retry';

// One run of a job: its row is written 'running' before the job starts (so a crash leaves a trace the
// next start closes as 'interrupted'), and finished exactly once — by the job's own outcome, or earlier
// by a timeout or the shutdown, whichever comes first. A timed-out job keeps its slot until its promise
// settles, so the scheduler never starts a second copy next to one that ignores its abort signal.

export type FinalStatus = Exclude<JobRunStatus, 'running'>;

export interface RunningJob {
  runId: number;
  trigger: JobTrigger;
  forDate: string;
  since: Date;
  /** epoch ms after which the run counts as timed out */
  deadline: number;
  /** the job's own promise, settled with the status its row was finished with */
  settled: Promise<FinalStatus>;
  /** finish the row now (timeout, shutdown) and abort the job; later outcomes are ignored */
  close(status: 'timeout' | 'interrupted', error: string): void;
}

export interface RunnerDeps {
  repo: JobRunsRepo;
  clock: Clock;
  logger: Logger;
}

export function startRun(spec: JobSpec, deps: RunnerDeps, trigger: JobTrigger, forDate: string): RunningJob {
  const { repo, clock } = deps;
  const log = deps.logger.child({ job: spec.name });
  const since = clock.now();
  const runId = repo.start(spec.name, trigger, forDate, since);
  const controller = new AbortController();
  let final: FinalStatus | null = null;

  function finish(status: FinalStatus, error: string | null, stats: Record<string, unknown> | null): void {
    if (final) return;
    final = status;
    try {
      repo.finish(runId, { status, finishedAt: clock.now(), error, stats });
    } catch (err) {
      // the db may be closed under a job that outlived the shutdown bound; its row stays 'running'
      log.error({ runId, err: errorMessage(err) }, 'job run not recorded');
    }
  }

  log.info({ runId, trigger, forDate }, 'job started');
  const settled = (async (): Promise<FinalStatus> => {
    const t0 = Date.now();
    try {
      const out = await retryOnBusy(() => spec.run({ now: since, forDate, trigger, signal: controller.signal, log }), {
        logger: log,
        what: spec.name,
      });
      finish(out.status, null, out.note ? { ...out.stats, note: out.note } : (out.stats ?? null));
    } catch (err) {
      finish('failed', errorMessage(err), null);
      log.warn({ runId, err: errorMessage(err) }, 'job failed');
    }
    log.info({ runId, status: final, ms: Date.now() - t0 }, 'job finished');
    return final!;
  })();

  return {
    runId,
    trigger,
    forDate,
    since,
    deadline: since.getTime() + spec.timeoutMs,
    settled,
    close(status, error) {
      if (final) return;
      finish(status, error, null);
      controller.abort(new Error(error));
      log.warn({ runId, status }, 'job run closed before it finished');
    },
  };
}
