import type { CommandServices } from '../chat/command-types';
import { UsageError } from '../shared/errors';
import type { Alerting } from './create-alerting';

// What the alert commands and buttons share: the alerting services (attached to the command
// services by src/main.ts).

export function alertingOf(services: CommandServices): Alerting {
  const alerting = (services as CommandServices & { alerting?: Alerting }).alerting;
  if (!alerting) throw new UsageError('Alerts are not set up in this process.');
  return alerting;
}
