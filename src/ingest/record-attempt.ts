import { createHash } from 'node:crypto';
import type { Dataset } from '../domain/market-data';
import { errorMessage, ProviderError } from '../shared/errors';
import type { IngestDeps, IngestOutcome, OutcomeStatus } from './ingest-deps';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface AttemptResult {
  status: OutcomeStatus;
  rows: number;
  origin: string;
  note?: string;
  checksum?: string;
  failed?: { key: string; error: string }[];
}

/**
 * Runs one fetch for a dataset and date, records it in dataset_status whatever happens, and turns
 * a thrown error into a `failed` outcome: one dataset's outage never stops the others.
 */
export async function recordAttempt(
  deps: Pick<IngestDeps, 'repos' | 'clock' | 'logger'>,
  dataset: Dataset,
  date: string | null,
  origin: string,
  work: () => Promise<AttemptResult>,
): Promise<IngestOutcome> {
  const repo = deps.repos.datasetStatus;
  const started = deps.clock.now();
  const t0 = performance.now();
  let result: AttemptResult;
  try {
    result = await work();
  } catch (err) {
    result = { status: 'failed', rows: 0, origin, note: errorMessage(err) };
    // a bad payload's excerpt goes to the log, never to the user-facing line
    const payload = err instanceof ProviderError ? { kind: err.kind, status: err.status, excerpt: err.excerpt } : {};
    deps.logger.warn({ dataset, date, err: errorMessage(err), ...payload }, 'ingest failed');
  }
  const ms = Math.round(performance.now() - t0);
  // a partial batch stores which keys failed, not just its summary note ("1/3 symbols")
  const failedList = result.failed?.length ? result.failed.map((f) => `${f.key}: ${f.error}`).join('; ') : null;
  repo.record({
    dataset,
    date,
    kind: 'fetch',
    origin: result.origin,
    status: result.status,
    rows: result.rows,
    checksum: result.checksum ?? null,
    error: result.status === 'failed' ? [result.note, failedList].filter(Boolean).join(' — ') || null : failedList,
    startedAt: started.toISOString(),
    finishedAt: deps.clock.now().toISOString(),
  });
  if (result.status === 'ok' || result.status === 'empty')
    deps.logger.info({ dataset, date, rows: result.rows, ms }, 'ingested');
  return {
    dataset,
    date,
    status: result.status,
    rows: result.rows,
    origin: result.origin,
    note: result.note,
    failed: result.failed,
    ms,
  };
}
