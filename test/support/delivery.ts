import { createAlertService, type AlertServiceDeps } from '../../src/alerts/alert.service';
import { createDeliveryWorker, type DeliveryWorkerDeps } from '../../src/alerts/delivery-worker';
import { createOutbox, type Outbox } from '../../src/alerts/outbox';
import type { Config } from '../../src/config/schema';
import { fixedSettings } from '../../src/config/settings';
import type { Repos } from '../../src/db/repos';
import type { Clock } from '../../src/shared/clock';
import { testLogger } from './logger';

// The alerting pieces a process wires over one store: fixed settings from `config`, and a fresh test
// logger unless one is given.

/** An outbox and a delivery worker over `repos`; `options.clock` is the worker's own where it differs. */
export function outboxWorker(
  repos: Repos,
  config: Config,
  clock: Clock,
  options: Partial<Omit<DeliveryWorkerDeps, 'repos' | 'outbox' | 'settings'>> = {},
) {
  const outbox = createOutbox({ repos, clock });
  const worker = createDeliveryWorker({
    repos,
    outbox,
    settings: fixedSettings(config),
    ...options,
    clock: options.clock ?? clock,
    logger: options.logger ?? testLogger(),
  });
  return { outbox, worker };
}

/** The alert service over `repos`, queuing into `outbox`. */
export function alertService(
  repos: Repos,
  config: Config,
  clock: Clock,
  outbox: Outbox,
  options: Partial<Omit<AlertServiceDeps, 'repos' | 'settings' | 'clock' | 'outbox'>> = {},
) {
  return createAlertService({
    repos,
    settings: fixedSettings(config),
    clock,
    outbox,
    ...options,
    logger: options.logger ?? testLogger(),
  });
}
