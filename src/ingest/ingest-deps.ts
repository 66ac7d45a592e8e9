import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { Dataset } from '../domain/market-data';
import type { Providers } from '../providers';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

export interface IngestDeps {
  repos: Repos;
  providers: Providers;
  /** read at the start of each collector run */
  settings: Settings;
  clock: Clock;
  logger: Logger;
}

export type OutcomeStatus = 'ok' | 'empty' | 'missing' | 'skipped' | 'failed';

/** What one collector run did for one dataset and date: the line `ingest` prints. */
export interface IngestOutcome {
  dataset: Dataset;
  date: string | null;
  status: OutcomeStatus;
  rows: number;
  origin: string;
  note?: string;
  /** symbols that failed in a per-symbol batch (the rest were stored) */
  failed?: { key: string; error: string }[];
  ms: number;
}

export function formatOutcome(o: IngestOutcome): string {
  const parts = [
    o.status.padEnd(7),
    o.dataset.padEnd(13),
    (o.date ?? '-').padEnd(10),
    `${o.rows} rows`.padStart(12),
    ` ${o.origin}`,
  ];
  if (o.note) parts.push(` — ${o.note}`);
  if (o.failed?.length)
    parts.push(
      ` — ${o.failed.length} failed: ${o.failed
        .slice(0, 3)
        .map((f) => `${f.key} (${f.error})`)
        .join(', ')}${o.failed.length > 3 ? ', …' : ''}`,
    );
  return parts.join(' ');
}
