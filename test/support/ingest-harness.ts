import type { Config, Secrets } from '../../src/config/schema';
import { createProviderHealthRepo } from '../../src/db/repos/provider-health.repo';
import { createBackfillService } from '../../src/ingest/backfill.service';
import { createIngestService } from '../../src/ingest/ingest.service';
import { createProviders } from '../../src/providers';
import { fakeClock } from '../../src/shared/clock';
import { testConfig } from './config';
import { testLogger } from './logger';
import { tempDb } from './temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

/** The real ingest (and backfill) service over a real temp db and real provider clients (HTTP answered by msw). */
export function ingestHarness(options: {
  now: string;
  secrets?: Secrets;
  config?: (c: Config) => void;
  /** the test logger's level (default debug, its lines kept for assertions) */
  logLevel?: 'debug' | 'silent';
}) {
  const store = tempDb();
  const config = testConfig(options.config);
  const clock = fakeClock(options.now);
  const logger = testLogger(options.logLevel);
  const health = createProviderHealthRepo(store.db);
  const providers = createProviders({ config, secrets: options.secrets ?? {}, clock, logger, health });
  const repos = createRepos(store.db);
  const deps = { repos, providers, settings: fixedSettings(config), clock, logger };
  const ingest = createIngestService(deps);
  const backfill = createBackfillService(deps);
  const count = (sql: string, ...params: unknown[]) =>
    store.db.$client
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  return { ...store, config, clock, logger, health, providers, repos, ingest, backfill, count };
}

/** A FINRA-layout daily short-volume file (CRLF, record-count trailer), written from FORMATS.md. */
export function finraShortVolumeText(
  date: string,
  rows: [symbol: string, short: number, exempt: number, total: number, market: string][],
): string {
  const d = date.replaceAll('-', '');
  const lines = [
    'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market',
    ...rows.map((r) => `${d}|${r.join('|')}`),
    String(rows.length),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
