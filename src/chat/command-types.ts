import type { z } from 'zod';
import type { LearningService } from '../learning/learning.service';
import type { AdhocService } from '../pipeline/adhoc.service';
import type { MarketViews } from '../pipeline/market-views.service';
import type { ScanService } from '../pipeline/scan.service';
import type { Alerting } from '../alerts/create-alerting';
import type { PortfolioService } from '../portfolio/portfolio.service';
import type { ReportService } from '../reports/report.service';
import type { Scheduling } from '../scheduler/create-scheduling';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { ChatContext, Role, SentMessage } from './chat-context';
import type { SettingsStore } from '../config/settings-store';
import type { UserAuth } from './user-auth';
import type { AsOf } from '../market/as-of';
import type { UserPrefsRepo } from '../db/repos/user-prefs.repo';
import type { UserPrefs } from './user-prefs';

// What a chat command is (commands/*.ts export one each) and what it may use. Commands never import
// a transport: they get a ChatContext, their parsed arguments, and these services.

export interface CommandDefinition<A = unknown> {
  /** without the slash, lower-case: 'top' */
  name: string;
  /** one line for /help and the Telegram menu (at most 256 characters there) */
  summary: string;
  /** `/top [n]` */
  usage: string;
  /** `/top 5` */
  example: string;
  minRole: Role;
  /** zod schema over the words after the command; its issues become the usage reply */
  parse: z.ZodType<A, z.ZodTypeDef, string[]>;
  run(ctx: ChatContext, args: A, services: CommandServices): Promise<void>;
}

/** Erases a definition's argument type so definitions of every command fit in one list. */
export function defineCommand<A>(def: CommandDefinition<A>): CommandDefinition<unknown> {
  return def;
}

/**
 * Extra lines for /status from services outside the chat (the outbox's depth and dead letters), as of
 * the day the chat answers for: what was raised or run by its end.
 */
export type StatusSection = (asOf: AsOf) => string | null | Promise<string | null>;

export interface CommandServices {
  clock: Clock;
  logger: Logger;
  adhoc: AdhocService;
  users: UserAuth;
  /** each user's own settings: `get` fills in the defaults, `repo` changes them (/settings) */
  prefs: { get: (userId: string) => UserPrefs; repo: Pick<UserPrefsRepo, 'get' | 'set'> };
  /** the settings in effect: read `settings.current()` at the start of a command; /set and /reset change them */
  settings: SettingsStore;
  /** runs, rankings, cuts, ticker cards and charts, short-data views, dataset freshness: what the chat reads */
  views: MarketViews;
  /** the learning tracker's figures: /performance, /missed, /suggest */
  learning: LearningService;
  /** a discovery run (then alerts and learning for today's run): /scan */
  scan: ScanService;
  /** the alert engine, outbox, delivery worker, digest and email: /alerts, /ack, /mute, /quiet, /emergency… */
  alerting: Alerting;
  /** daily and weekly reports with charts: /report */
  reports: ReportService;
  /** positions and the dip analysis: /buy, /sell, /portfolio, /dips */
  portfolio: PortfolioService;
  /** the job table and its runs: /jobs */
  scheduling: Scheduling;
  /** every command, in menu order (for /help) */
  commands: () => readonly CommandDefinition[];
  app: { version: string; startedAt: Date; dbPath: string };
  /** /status appends each section's text (the outbox's, the scheduler's), in this order */
  statusSections: readonly StatusSection[];
}

export interface ButtonContext extends ChatContext {
  /** the whole callback data: `ack:123` */
  data: string;
  /** what follows the prefix: `123` */
  payload: string;
  /** the message the button sat under, to edit it */
  message: SentMessage | null;
  /** answers the button press (the small toast on Telegram); at most once */
  answer(text?: string): Promise<void>;
}

/** A button press handler, registered by callback-data prefix (`ack:`, `mute:`, `fb:`). */
export interface ButtonHandler {
  minRole: Role;
  run(ctx: ButtonContext, services: CommandServices): Promise<void>;
}
