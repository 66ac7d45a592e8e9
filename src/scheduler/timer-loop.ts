import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Scheduler } from './scheduler';

// The real process drives the scheduler from one timer: sleep until the next thing is due (at most a
// minute, so a suspended laptop or a clock change is noticed within one), tick, sleep again. Idle, that
// is one wake-up a minute and a loop over a dozen jobs: the bench measures it well under 1% of a core.

const MAX_SLEEP_MS = 60_000;
const MIN_SLEEP_MS = 50;

export interface TimerLoop {
  stop(): void;
}

export function startTimerLoop(
  scheduler: Scheduler,
  deps: { clock: Clock; logger: Logger; maxSleepMs?: number },
): TimerLoop {
  const log = deps.logger.child({ component: 'scheduler' });
  const maxSleep = deps.maxSleepMs ?? MAX_SLEEP_MS;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function arm(delay?: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const wake = scheduler.nextWake();
    const until = wake ? wake.getTime() - deps.clock.now().getTime() : maxSleep;
    timer = setTimeout(loop, delay ?? Math.min(maxSleep, Math.max(MIN_SLEEP_MS, until)));
  }

  function loop(): void {
    timer = null;
    try {
      scheduler.tick(deps.clock.now());
    } catch (err) {
      log.error({ err: errorMessage(err) }, 'scheduler tick failed');
    }
    arm();
  }

  // a finished run can free a job waiting for it, or schedule a retry: look again right away
  scheduler.onSettled(() => arm(0));
  arm(0);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
