import pino from 'pino';
import { COMMANDS } from '../commands';
import { ALERT_BUTTONS } from '../commands/alert-buttons';
import { SETTINGS_BUTTONS } from '../commands/settings';
import { createAlerting, type Alerting } from './alerts/create-alerting';
import { emergencyReason } from './alerts/emergency';
import { createChat, type Chat } from './chat/create-chat';
import { loadConfig, type LoadedConfig, type RuntimeSetting } from './config/load-config';
import { createSettingsStore, loadConfigWithStored, type SettingsStore } from './config/settings-store';
import { createRepos, type Repos } from './db/repos';
import { closeDb, type Db } from './db/client';
import { openStore, resolveStoreLocation } from './db/open-store';
import { storeHealth } from './db/store-health';
import { storeStatusLines } from './monitoring/status-section';
import { createBackfillService, type BackfillService } from './ingest/backfill.service';
import { createCollectors } from './ingest/collectors';
import { createIngestService, type IngestService } from './ingest/ingest.service';
import { createLearningService, type LearningService } from './learning/learning.service';
import { createAdhocService, type AdhocService } from './pipeline/adhoc.service';
import { createPipelineService } from './pipeline/pipeline.service';
import { createMarketCache } from './pipeline/market-cache';
import { createMarketViewsService } from './pipeline/market-views.service';
import { createScanService, type ScanService } from './pipeline/scan.service';
import { createTransientSource } from './pipeline/transient-metrics';
import { createProviders, type Providers } from './providers';
import { createPortfolioService, type PortfolioService } from './portfolio/portfolio.service';
import { createScheduling, type Scheduling } from './scheduler/create-scheduling';
import { renderTickerChart } from './reports/charts/ticker-chart';
import { createTelegramApiGaps, type TelegramApiGaps } from './notify/telegram-api-gaps';
import { createReportService, type ReportService } from './reports/report.service';
import { DEFAULT_CHART_RANGE } from './chat/chart-reply';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

// The composition root: config → logger → db + migrate → repos → settings → providers → services →
// chat. Everything below receives its dependencies from here, built in dependency order; nothing is
// attached to an object after it is built.

export interface AppOptions {
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logLevel?: string;
  /** write the log (JSON lines) to this file instead of stderr: the console chat owns the terminal */
  logFile?: string;
  /** override config values for this process (tests, doctor) */
  tweak?: (loaded: LoadedConfig) => void;
}

export interface App {
  /** the settings in effect (read `settings.current()` when you need a value); /set and /reset change them */
  settings: SettingsStore;
  /** the settings in effect with the layer each leaf came from: `settings.loaded()` */
  readonly loaded: LoadedConfig;
  logger: Logger;
  db: Db;
  /** every repo over `db`, built once */
  repos: Repos;
  dbPath: string;
  clock: Clock;
  providers: Providers;
  ingest: IngestService;
  /** the first fill of an empty store: `ingest backfill` and the first `start` */
  backfill: BackfillService;
  adhoc: AdhocService;
  /** a discovery run, then alerts and learning for today's run */
  pipeline: ScanService;
  /** the chat core and the services commands use (transports take `chat.core`) */
  chat: Chat;
  /** the alert engine, its outbox, the delivery worker (started by `start`), the digest, email */
  alerts: Alerting['alerts'];
  outbox: Alerting['outbox'];
  delivery: Alerting['delivery'];
  digest: Alerting['digest'];
  email: Alerting['email'];
  alerting: Alerting;
  /** the Bot API methods the Telegram bot found missing (it degrades and /status says so) */
  telegramGaps: TelegramApiGaps;
  /** positions and the dip scan (/buy, /sell, /portfolio, /dips; the scheduler calls portfolio.scanDips) */
  portfolio: PortfolioService;
  /** the job scheduler (its timer runs under `start`), the health monitor, /status lines for jobs and the process */
  scheduling: Scheduling;
  /** the learning tracker: recommendations, outcomes, missed opportunities (the scheduler calls updateCheckpoints) */
  learning: LearningService;
  /** daily and weekly reports (chat, CLI, the digest) */
  reports: ReportService;
  close(): void;
}

export function createApp(options: AppOptions = {}): App {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const load = (runtime: RuntimeSetting[] = []): LoadedConfig => {
    const next = loadConfig({ env, runtime });
    options.tweak?.(next);
    return next;
  };
  // app.* is restart-only (never set in chat), so the file and env layers give the log level and data dir
  const fileConfig = load().config;
  const logger = createLogger({
    level: options.logLevel ?? fileConfig.app.log_level,
    ...(options.logFile ? { destination: pino.destination({ dest: options.logFile, mkdir: true, sync: false }) } : {}),
  });
  const dbPath = options.dbPath ?? resolveStoreLocation(undefined, env);
  const db = openStore(dbPath);
  // settings changed in chat are a layer of config loading, applied before any service is built
  // every repo over the one connection, built once here and handed to the services that use them
  const repos = createRepos(db);
  const settings = createSettingsStore({
    loaded: loadConfigWithStored(load, repos.settings, logger),
    reload: load,
    repo: repos.settings,
    clock,
    logger,
  });
  // restart-only sections (app, providers, scheduling, …) are read once, here
  const config = settings.current();
  const { secrets } = settings.loaded();

  const providers = createProviders({ config, secrets, clock, logger, health: repos.providerHealth });
  const ingestDeps = { repos, providers, settings, clock, logger };
  // one set of collectors: the backfill and the daily update share the day's screener snapshot
  const collectors = createCollectors(ingestDeps);
  const ingest = createIngestService(ingestDeps, collectors);
  const backfill = createBackfillService(ingestDeps, collectors);
  const adhoc = createAdhocService({ repos, settings, clock });
  const transient = createTransientSource({ finnhub: providers.finnhub, settings, clock, logger });
  // the run window's bars held between runs, kept current from the market-writes log (market-cache.ts)
  const market = createMarketCache({ data: repos.pipelineData, writes: repos.marketWrites });
  const discovery = createPipelineService({ repos, settings, clock, logger, adhoc, transient, market });
  // report charts: the same ticker chart as /chart, over the default range
  const reports = createReportService({
    repos,
    settings,
    clock,
    logger,
    charts: (symbol, asOf) =>
      renderTickerChart(repos, settings.current(), symbol, { asOf, range: DEFAULT_CHART_RANGE }),
  });
  const alerting = createAlerting({
    repos,
    settings,
    secrets,
    env,
    clock,
    logger,
    digestCharts: (report) => reports.charts(report),
  });
  const learning = createLearningService({ repos, settings, clock, logger });
  const pipeline = createScanService({
    pipeline: discovery,
    clock,
    alertOnRun: (result) => alerting.afterRun(result),
    trackRun: (result) => learning.recordRun(result),
    fillHistory: async (symbols, asOf) => (await ingest.historyFor(symbols, asOf)).filled,
  });
  const portfolio = createPortfolioService({
    repos,
    settings,
    clock,
    logger,
    alerts: alerting.alerts,
    quotes: providers.polygon,
  });
  const scheduling = createScheduling({
    repos,
    settings,
    secrets,
    clock,
    logger,
    ingest,
    pipeline,
    adhoc,
    alerts: alerting.alerts,
    learning,
    portfolio,
    // email recipients and the chats that asked for it (/settings digest on): either may be there alone
    digest: () => alerting.digest.send(),
    alertsPaused: () => emergencyReason(alerting.delivery.emergency()),
  });
  const telegramGaps = createTelegramApiGaps();
  const chat = createChat({
    repos,
    dbPath,
    secrets,
    settings,
    clock,
    logger,
    commands: COMMANDS,
    buttons: { ...ALERT_BUTTONS, ...SETTINGS_BUTTONS },
    services: {
      clock,
      logger,
      adhoc,
      views: createMarketViewsService({ repos, settings }),
      learning,
      scan: pipeline,
      alerting,
      reports,
      portfolio,
      scheduling,
      statusSections: [
        (asOf) => alerting.statusSection(asOf),
        (asOf) => scheduling.statusSection(asOf),
        // plain text already (method names and fixed phrases), like the sections beside it
        () => telegramGaps.statusSection(),
        // which store this replica runs on, and that it answers (no integrity scan: see store-health.ts)
        () => storeStatusLines(storeHealth(db, dbPath)),
      ],
    },
  });
  return {
    settings,
    get loaded() {
      return settings.loaded();
    },
    logger,
    db,
    repos,
    dbPath,
    clock,
    providers,
    ingest,
    backfill,
    adhoc,
    pipeline,
    chat,
    alerts: alerting.alerts,
    outbox: alerting.outbox,
    delivery: alerting.delivery,
    digest: alerting.digest,
    email: alerting.email,
    alerting,
    telegramGaps,
    portfolio,
    learning,
    reports,
    scheduling,
    close() {
      alerting.close();
      closeDb(db);
      logger.flush?.();
    },
  };
}
