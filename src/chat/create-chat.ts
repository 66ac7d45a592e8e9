import { readFileSync } from 'node:fs';
import type { Secrets } from '../config/schema';
import type { SettingsStore } from '../config/settings-store';
import type { Repos } from '../db/repos';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { createChatCore, type ChatCore } from './chat-core';
import type { ButtonHandler, CommandDefinition, CommandServices } from './command-types';
import { createUserAuth, parseAdminIds } from './user-auth';
import { createUserPrefsReader } from './user-prefs';
import { fromPackageRoot } from '../shared/package-root';

// Builds the chat core over services the composition root (src/main.ts) has already built. The
// transports (Telegram, console) and tests take the `ChatCore` from here.

/** The services commands use, as src/main.ts builds them; the chat adds users, commands and app facts. */
export type ChatServices = Omit<CommandServices, 'users' | 'commands' | 'app' | 'settings' | 'prefs'>;

export interface ChatDeps {
  repos: Repos;
  dbPath: string;
  secrets: Secrets;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  services: ChatServices;
  commands: readonly CommandDefinition[];
  buttons: Readonly<Record<string, ButtonHandler>>;
}

export interface Chat {
  core: ChatCore;
  services: CommandServices;
}

let version: string | undefined;
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(fromPackageRoot('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

export function createChat(deps: ChatDeps): Chat {
  const { repos, clock, logger } = deps;
  const users = createUserAuth({
    repos,
    settings: deps.settings,
    adminIds: parseAdminIds(deps.secrets.TELEGRAM_ADMIN_IDS),
    clock,
  });
  const prefs = createUserPrefsReader({ repo: repos.userPrefs, settings: deps.settings });
  const services: CommandServices = {
    ...deps.services,
    users,
    prefs: { get: prefs, repo: repos.userPrefs },
    settings: deps.settings,
    commands: () => deps.commands,
    app: { version: appVersion(), startedAt: clock.now(), dbPath: deps.dbPath },
  };
  const core = createChatCore({
    commands: deps.commands,
    buttons: deps.buttons,
    services,
    auth: users,
    settings: deps.settings,
    clock,
    logger,
    prefs,
  });
  return { core, services };
}
