import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig, RuntimeSetting } from '../config/load-config';
import { createSettingsService } from '../config/settings.service';
import type { Db } from '../db/client';
import type { AdhocService } from '../pipeline/adhoc.service';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { createChatCore, type ChatCore } from './chat-core';
import type { CommandDefinition, CommandServices, PipelineRunner, StatusSection } from './command-types';
import { createUserAuth, parseAdminIds } from './user-auth';

// Builds the chat core and the services commands use, for the composition root (src/main.ts). The
// transports (Telegram, console) and tests take the `ChatCore` from here.

export interface ChatDeps {
  db: Db;
  dbPath: string;
  loaded: LoadedConfig;
  /** loadConfig again with runtime settings on top (same env and files as at start) */
  reload: (runtime: RuntimeSetting[]) => LoadedConfig;
  clock: Clock;
  logger: Logger;
  adhoc: AdhocService;
  commands: readonly CommandDefinition[];
  /** a getter, so the pipeline can be wired after the chat */
  pipeline?: () => PipelineRunner | undefined;
}

export interface Chat {
  core: ChatCore;
  services: CommandServices;
}

let version: string | undefined;
export function appVersion(): string {
  version ??= (
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
  ).version;
  return version;
}

export function createChat(deps: ChatDeps): Chat {
  const { db, loaded, clock, logger } = deps;
  const settings = createSettingsService({ db, loaded, reload: deps.reload, clock, logger });
  settings.applyStored();
  const users = createUserAuth({
    db,
    config: loaded.config,
    adminIds: parseAdminIds(loaded.secrets.TELEGRAM_ADMIN_IDS),
    clock,
  });
  const statusSections: StatusSection[] = [];
  const services: CommandServices = {
    db,
    config: loaded.config,
    loaded,
    clock,
    logger,
    adhoc: deps.adhoc,
    users,
    settings,
    get pipeline() {
      return deps.pipeline?.();
    },
    commands: () => deps.commands,
    app: { version: appVersion(), startedAt: clock.now(), dbPath: deps.dbPath },
    statusSections,
  };
  const core = createChatCore({ commands: deps.commands, services, auth: users, config: loaded.config, clock, logger });
  return { core, services };
}
