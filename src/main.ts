import { loadConfig, type LoadedConfig } from './config/load-config';
import { closeDb, openDb, resolveDbPath, type Db } from './db/client';
import { createProviderHealthRepo } from './db/repos/provider-health.repo';
import { createIngestService, type IngestService } from './ingest/ingest.service';
import { createProviders, type Providers } from './providers';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

// The composition root: config → logger → db + migrate → providers → services. Everything below
// receives its dependencies from here; nothing else constructs concrete objects.

export interface AppOptions {
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logLevel?: string;
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
  close(): void;
}

export function createApp(options: AppOptions = {}): App {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const loaded = loadConfig({ env });
  options.tweak?.(loaded);
  const { config, secrets } = loaded;
  const logger = createLogger({ level: options.logLevel ?? config.app.log_level });
  const dbPath = resolveDbPath(undefined, env);
  const db = openDb(options.dbPath ?? dbPath);
  const health = createProviderHealthRepo(db);
  const providers = createProviders({ config, secrets, clock, logger, health });
  const ingest = createIngestService({ db, providers, config, clock, logger });
  return {
    loaded,
    logger,
    db,
    dbPath: options.dbPath ?? dbPath,
    clock,
    providers,
    ingest,
    close() {
      closeDb(db);
      logger.flush?.();
    },
  };
}
