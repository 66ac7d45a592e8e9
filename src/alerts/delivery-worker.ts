import type { Settings } from '../config/settings';
import type { DueRow } from '../db/repos/outbox.repo';
import type { Repos } from '../db/repos';
import { DeliveryError, type DeliveryChannel } from '../notify/delivery-channel';
import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Outbox } from './outbox';
import { createPacing } from './pacing';
import { isGone, thisProcess } from './process-owner';

// Drains the outbox through the registered channels. A row is marked 'sending' (with the time and the
// claiming process) before the send and 'sent' after. Pacing keeps under Telegram's limits; the error
// kind decides what happens next:
// rate_limited waits retry_after (capped), transient backs off, permanent stops the target and tells
// the admins once through `onPermanent`.
//
// A crash between the send and the bookkeeping. Exactly-once is impossible over the Bot API: sendMessage
// has no idempotency key, and nothing lets us ask Telegram "did message X arrive?", so a process killed
// after Telegram accepted a message but before it wrote 'sent' leaves a row we cannot settle. The
// window is kept to the HTTP round trip (markSent is the next statement after the answer). What is
// left is settled by re-sending: a 'sending' row whose claimer is gone from this host is taken back
// at the next pass (at once after a restart), one whose claimer we cannot check once it is
// staleSendingMs old (longer than a send can take, so a live process's send is never doubled). The
// re-send carries a note ("re-sent after a restart; you may have this already"), and a row left in
// flight by a second crash too is not sent a third time (dead, with the reason). The guarantee: no
// message lost to one crash, at most one duplicate per message in flight at the crash, marked.

export interface PermanentFailure {
  channel: string;
  target: string;
  error: string;
  alertId: number | null;
  /** other waiting messages for that target, now dead letters */
  dropped: number;
}

export interface DeliveryWorkerDeps {
  repos: Repos;
  outbox: Outbox;
  settings: Settings;
  clock: Clock;
  logger: Logger;
  channels?: DeliveryChannel[];
  /** SQUEEZEBOT_EMERGENCY_DISABLE=1 */
  emergencyEnv?: boolean;
  onPermanent?: (failure: PermanentFailure) => void | Promise<void>;
  /** escalation and other timed work, run about every `housekeepingMs` */
  housekeeping?: () => void | Promise<void>;
  housekeepingMs?: number;
  /**
   * A row 'sending' for longer than this was left by a process that died mid-send and is queued again
   * (default 120 s: longer than any channel's timeout, so a live process's send is never doubled)
   */
  staleSendingMs?: number;
  /** the longest nap between passes: bounds how fast the emergency switch is seen (default 1 s) */
  pollMs?: number;
}

const MIN_NAP_MS = 20;
const FLAG_READ_MS = 500;
const RECOVER_EVERY_MS = 5_000;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const { outbox, clock } = deps;
  const log = deps.logger.child({ component: 'delivery' });
  const repo = outbox.repo;
  const prefs = deps.repos.alertPrefs;
  // pacing and concurrency are built once: alerting.delivery is restart-only
  const delivery = deps.settings.current().alerting.delivery;
  const pollMs = deps.pollMs ?? 1000;
  const channels = new Map<string, DeliveryChannel>();
  for (const c of deps.channels ?? []) channels.set(c.kind, c);
  const pacing = createPacing(delivery);
  const inflight = new Set<Promise<void>>();
  const busyTargets = new Set<string>();
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let wake: (() => void) | null = null;
  let lastHousekeeping = -Infinity;
  let wasDisabled = false;
  let em: ReturnType<typeof emergency> = { disabled: false, source: null };
  let flagReadAt = -Infinity;
  let recoveredAt = -Infinity;
  const staleSendingMs = deps.staleSendingMs ?? 120_000;
  const ownInFlight = new Set<number>();

  const owner = thisProcess();

  function recover(nowMs: number): void {
    recoveredAt = nowMs;
    const { requeued, abandoned } = repo.recoverInFlight({
      claimedBefore: new Date(nowMs - staleSendingMs).toISOString(),
      now: new Date(nowMs).toISOString(),
      deadOwners: repo.sendingOwners().filter(isGone),
      except: [...ownInFlight],
    });
    if (requeued)
      log.warn({ recovered: requeued }, 'requeued messages a stopped process left in flight (re-sent with a note)');
    if (abandoned)
      log.error({ abandoned }, 'messages in flight at a second crash: not sent a third time (dead letters)');
  }

  const kick = () => wake?.();
  outbox.onEnqueue(kick);

  async function nap(ms: number): Promise<void> {
    await Promise.race([clock.sleep(Math.max(MIN_NAP_MS, Math.min(ms, pollMs))), new Promise<void>((r) => (wake = r))]);
    wake = null;
    await yieldToIo();
  }

  function emergency(): { disabled: boolean; source: 'env' | 'chat' | null; by?: string; at?: string } {
    if (deps.emergencyEnv) return { disabled: true, source: 'env' };
    const flag = prefs.flag('emergency_disable');
    return flag?.on
      ? { disabled: true, source: 'chat', by: flag.setBy, at: flag.setAt }
      : { disabled: false, source: null };
  }

  async function fail(row: DueRow, err: unknown): Promise<void> {
    const e = err instanceof DeliveryError ? err : new DeliveryError('transient', errorMessage(err), { cause: err });
    const now = clock.now().getTime();
    const attempts = row.attempts + 1;
    const where = { id: row.id, channel: row.channel, target: row.target, attempts, error: e.message };
    if (e.kind === 'rate_limited') {
      const wait = Math.min(e.retryAfterMs ?? 1000, delivery.max_retry_after_seconds * 1000);
      pacing.block(row.channel, row.target, now + wait);
      repo.requeue(row.id, new Date(now + wait).toISOString(), e.message, false);
      log.warn({ ...where, waitMs: wait }, 'delivery rate limited');
    } else if (e.kind === 'transient') {
      if (attempts >= delivery.max_attempts) {
        repo.finish(row.id, 'dead', e.message);
        log.error(where, 'delivery gave up');
        return;
      }
      const backoff = Math.min(delivery.backoff_base_ms * 2 ** (attempts - 1), delivery.backoff_max_ms);
      repo.requeue(row.id, new Date(now + backoff).toISOString(), e.message);
      log.warn({ ...where, backoffMs: backoff }, 'delivery failed, will retry');
    } else {
      repo.finish(row.id, 'failed', e.message);
      const dropped = repo.killTarget(row.channel, row.target, `target stopped: ${e.message}`);
      log.error({ ...where, dropped }, 'delivery target refused');
      await deps.onPermanent?.({
        channel: row.channel,
        target: row.target,
        error: e.message,
        alertId: row.alertId,
        dropped,
      });
    }
  }

  function dispatch(row: DueRow, key: string, channel: DeliveryChannel): void {
    busyTargets.add(key);
    ownInFlight.add(row.id);
    const p = (async () => {
      try {
        const full = repo.get(row.id);
        if (!full) return;
        const receipt = await channel.send(outbox.message(full));
        repo.markSent(row.id, clock.now().toISOString(), receipt.externalId);
      } catch (err) {
        await fail(row, err);
      }
    })()
      .catch((err) => log.error({ id: row.id, err: errorMessage(err) }, 'delivery bookkeeping failed'))
      .finally(() => {
        inflight.delete(p);
        busyTargets.delete(key);
        ownInFlight.delete(row.id);
        kick();
      });
    inflight.add(p);
  }

  /** One pass: hands every row that may go now to its channel; returns how long to wait if none. */
  function pass(nowMs: number): { sent: number; waitMs: number } {
    const nowIso = new Date(nowMs).toISOString();
    repo.releaseHeld(nowIso);
    let sent = 0;
    let waitMs = Infinity;
    const skipped = new Set<string>();
    for (const row of repo.due(nowIso, 200)) {
      if (inflight.size >= delivery.concurrency) break;
      const channel = channels.get(row.channel);
      const key = `${row.channel}:${row.target}`;
      // one message in flight per target keeps each chat's order
      if (!channel || busyTargets.has(key) || skipped.has(key)) continue;
      const w = Math.max(pacing.wait(row.channel, row.target, nowMs), pacing.overallWait(row.channel, nowMs));
      if (w > 0) {
        skipped.add(key);
        waitMs = Math.min(waitMs, w);
        continue;
      }
      if (!repo.claim(row.id, nowIso, owner)) continue;
      pacing.take(row.channel, row.target, nowMs);
      dispatch(row, key, channel);
      sent++;
    }
    const next = repo.nextWake([...channels.keys()]);
    if (next) waitMs = Math.min(waitMs, Date.parse(next) - nowMs);
    return { sent, waitMs };
  }

  async function loop(): Promise<void> {
    while (running) {
      try {
        const nowMs = clock.now().getTime();
        // the flag is read at most every FLAG_READ_MS of clock time: well inside the 5 s promise
        if (nowMs - flagReadAt >= FLAG_READ_MS || nowMs < flagReadAt) {
          flagReadAt = nowMs;
          em = emergency();
        }
        if (em.disabled !== wasDisabled)
          log.warn(
            { disabled: em.disabled, source: em.source },
            em.disabled ? 'delivery switched off' : 'delivery resumed',
          );
        wasDisabled = em.disabled;
        if (deps.housekeeping && nowMs - lastHousekeeping >= (deps.housekeepingMs ?? 60_000)) {
          lastHousekeeping = nowMs;
          await deps.housekeeping();
        }
        if (nowMs - recoveredAt >= RECOVER_EVERY_MS || nowMs < recoveredAt) recover(nowMs);
        if (em.disabled) {
          await nap(pollMs);
          continue;
        }
        const { sent, waitMs } = pass(nowMs);
        if (sent) await yieldToIo();
        else await nap(waitMs);
      } catch (err) {
        log.error({ err: errorMessage(err) }, 'delivery pass failed');
        await nap(pollMs);
      }
    }
  }

  return {
    register(channel: DeliveryChannel): void {
      channels.set(channel.kind, channel);
      kick();
    },
    /** Drains the outbox until stopped; what a dead process left in flight is requeued as it ages. */
    start(): void {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    /** Stops taking new messages; by default waits for the ones in flight. */
    async stop(options: { waitInFlight?: boolean } = {}): Promise<void> {
      running = false;
      kick();
      await loopDone;
      if (options.waitInFlight !== false) await Promise.allSettled([...inflight]);
    },
    /**
     * Resolves true once nothing deliverable is queued or in flight; false on timeout, or at once when
     * the emergency switch holds messages back.
     */
    async waitIdle(ms: number): Promise<boolean> {
      const deadline = clock.now().getTime() + ms;
      for (;;) {
        if (repo.pending([...channels.keys()]) === 0 && inflight.size === 0) return true;
        if (emergency().disabled || clock.now().getTime() >= deadline) return false;
        await clock.sleep(25);
        await yieldToIo();
      }
    },
    emergency,
    depth: () => outbox.depth(),
    deadLetters: (limit?: number) => outbox.deadLetters(limit),
    channels: () => [...channels.keys()],
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
