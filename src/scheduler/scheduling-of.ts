import type { CommandServices } from '../chat/command-types';
import { UsageError } from '../shared/errors';
import type { Scheduling } from './create-scheduling';

/** The scheduling services as commands reach them (attached to the command services by src/main.ts). */
export function schedulingOf(services: CommandServices): Scheduling {
  const scheduling = (services as CommandServices & { scheduling?: Scheduling }).scheduling;
  if (!scheduling) throw new UsageError('The scheduler is not set up in this process.');
  return scheduling;
}
