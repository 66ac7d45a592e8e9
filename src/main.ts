import pino from 'pino';
import { COMMANDS } from '../commands';
import { registerAlertButtons } from '../commands/alert-buttons';
import { createAlerting, type Alerting } from './alerts/create-alerting';
import { createChat, type Chat } from './chat/create-chat';
import { loadConfig, type LoadedConfig } from './config/load-config';
import { closeDb, openDb, resolveDbPath, type Db } from './db/client';
import { createProviderHealthRepo } from './db/repos/provider-health.repo';
import { createIngestService, type IngestService } from './ingest/ingest.service';
import { createLearningService, type LearningService } from './learning/learning.service';
import { createAdhocService, type AdhocService } from './pipeline/adhoc.service';
import { createPipelineService, defaultAsOf, type PipelineService } from './pipeline/pipeline.service';
import { createTransientSource } from './pipeline/transient-metrics';
import { createProviders, type Providers } from './providers';
import { createPortfolioService, type PortfolioService } from './portfolio/portfolio.service';
import { createScheduling, type Scheduling } from './scheduler/create-scheduling';
import { renderTickerChart } from './reports/charts/ticker-chart';
import { createReportService, type ReportService } from './reports/report.service';
import { DEFAULT_CHART_RANGE } from './chat/chart-reply';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

// The composition root: config → logger → db + migrate → providers → services. Everything below
// receives its dependencies from here; nothing else constructs concrete objects.

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
  loaded: LoadedConfig;
  logger: Logger;
  db: Db;
  dbPath: string;
  clock: Clock;
  providers: Providers;
  ingest: IngestService;
  adhoc: AdhocService;
  /** the discovery pipeline */
  pipeline: PipelineService;
  /** the chat core and the services commands use (transports take `chat.core`) */
  chat: Chat;
  /** the alert engine, its outbox, the delivery worker (started by `start`), the digest, email */
  alerts: Alerting['alerts'];
  outbox: Alerting['outbox'];
  delivery: Alerting['delivery'];
  digest: Alerting['digest'];
  email: Alerting['email'];
  alerting: Alerting;
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
  const loaded = loadConfig({ env });
  options.tweak?.(loaded);
  const { config, secrets } = loaded;
  const logger = createLogger({
    level: options.logLevel ?? config.app.log_level,
    ...(options.logFile ? { destination: pino.destination({ dest: options.logFile, mkdir: true, sync: false }) } : {}),
  });
  const dbPath = resolveDbPath(undefined, env);
  const db = openDb(options.dbPath ?? dbPath);
  const health = createProviderHealthRepo(db);
  const providers = createProviders({ config, secrets, clock, logger, health });
  const ingest = createIngestService({ db, providers, config, clock, logger });
  const adhoc = createAdhocService({ db, config, clock });
  const discovery = createPipelineService({
    db,
    config,
    clock,
    logger,
    adhoc,
    transient: createTransientSource({ finnhub: providers.finnhub, config, clock, logger }),
  });
  const reload: Parameters<typeof createChat>[0]['reload'] = (runtime) => {
    const next = loadConfig({ env, runtime });
    options.tweak?.(next);
    return next;
  };
  const resolvedDbPath = options.dbPath ?? dbPath;
  // the pipeline is read through a getter: it is wired onto `app` after the chat exists
  const chat = createChat({
    db,
    dbPath: resolvedDbPath,
    loaded,
    reload,
    clock,
    logger,
    adhoc,
    commands: COMMANDS,
    pipeline: () => app.pipeline,
  });
  // report charts: the same ticker chart as /chart, over the default range
  const reports = createReportService({
    db,
    config,
    clock,
    logger,
    charts: (symbol, asOf) => renderTickerChart(db, config, symbol, { asOf, range: DEFAULT_CHART_RANGE }),
  });
  const alerting = createAlerting({
    db,
    config,
    secrets,
    env,
    clock,
    logger,
    digestCharts: (report) => reports.charts(report),
  });
  // Every live run (chat /scan, the scheduled scan, `squeezebot scan`) feeds the alert engine, but only
  // a run for the current trading day by the injected clock: a scan of last January from the CLI must not
  // queue alerts for it (a console chat with --as-of pins the clock, so it does alert, as a demo).
  const learning = createLearningService({ db, config, clock, logger });
  const pipeline: PipelineService = {
    async run(runOptions) {
      const result = await discovery.run(runOptions);
      if (result.run.asOf === defaultAsOf(clock.now())) {
        alerting.afterRun(result);
        // after the alert engine, so the run's alerts are tracked with their ids (feedback joins outcomes)
        learning.recordRun(result);
      }
      return result;
    },
  };
  chat.services.statusSections.push(alerting.statusSection);
  // commands reach the alert engine through services.alerting (src/alerts/alerting-of.ts)
  Object.assign(chat.services, { alerting });
  // and the reports through services.reports (src/reports/reports-of.ts)
  Object.assign(chat.services, { reports });
  registerAlertButtons(chat.core);
  const portfolio = createPortfolioService({
    db,
    config,
    clock,
    logger,
    alerts: alerting.alerts,
    quotes: providers.polygon,
  });
  // /buy, /sell, /portfolio and /dips reach it through services.portfolio (src/portfolio/portfolio-of.ts)
  Object.assign(chat.services, { portfolio });
  const scheduling = createScheduling({
    db,
    config,
    secrets,
    clock,
    logger,
    ingest,
    pipeline,
    adhoc,
    alerts: alerting.alerts,
    digest: alerting.email ? () => alerting.digest.send() : null,
    late: () => app as never,
  });
  chat.services.statusSections.push(scheduling.statusSection);
  // /jobs reaches the scheduler through services.scheduling (src/scheduler/scheduling-of.ts)
  Object.assign(chat.services, { scheduling });
  const app: App = {
    loaded,
    logger,
    db,
    dbPath: resolvedDbPath,
    clock,
    providers,
    ingest,
    adhoc,
    pipeline,
    chat,
    alerts: alerting.alerts,
    outbox: alerting.outbox,
    delivery: alerting.delivery,
    digest: alerting.digest,
    email: alerting.email,
    alerting,
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
  return app;
}
