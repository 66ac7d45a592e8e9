import { errorMessage, ProviderError } from '../shared/errors';
import type { IngestDeps } from './ingest-deps';
import type { AttemptResult } from './record-attempt';

// FINRA's figures for one whole settlement, from one of two sources that carry the same 14 fields:
//  - the Query API (keyed path): first when FINRA_CLIENT_ID/SECRET are set, since it pages and filters;
//  - the CDN file shrt{YYYYMMDD}.csv (keyless path): whenever there are no credentials, and as the
//    fallback when the API call fails, so an API outage or refused credentials still leave the day whole.
// Either way the settlement is stored in one transaction through the same idempotent upsert.

export const ORIGIN_FINRA_API = 'finra api consolidatedShortInterest';
export const ORIGIN_FINRA_CDN = 'finra cdn shrt file';

type FinraDeps = Pick<IngestDeps, 'repos' | 'providers' | 'logger'>;

const joinNotes = (...notes: (string | undefined)[]) => notes.filter(Boolean).join('; ') || undefined;

/** The origin an attempt starts from: what dataset_status records when both sources fail. */
export function firstFinraOrigin(deps: FinraDeps): string {
  return deps.providers.finraApi.hasCredentials() ? ORIGIN_FINRA_API : ORIGIN_FINRA_CDN;
}

async function fromApi(deps: FinraDeps, settlementDate: string): Promise<AttemptResult> {
  const repo = deps.repos.marketData;
  const records = await deps.providers.finraApi.shortInterest({ settlementDate });
  if (records.length === 0) {
    return {
      status: 'missing',
      rows: 0,
      origin: ORIGIN_FINRA_API,
      note: 'FINRA has no rows for this settlement yet',
    };
  }
  const rows = repo.transaction(() => repo.upsertShortInterest(records));
  return { status: 'ok', rows, origin: ORIGIN_FINRA_API };
}

async function fromCdn(deps: FinraDeps, settlementDate: string, why?: string): Promise<AttemptResult> {
  const repo = deps.repos.marketData;
  const got = await deps.providers.finraFiles.fetchShortInterest(settlementDate);
  if (got.status === 'missing') {
    return { status: 'missing', rows: 0, origin: ORIGIN_FINRA_CDN, note: joinNotes(why, `${got.reason}: ${got.url}`) };
  }
  if (got.records.length === 0) {
    // a header-only whole-market file is a file not finished, not a market without shorts
    return { status: 'missing', rows: 0, origin: ORIGIN_FINRA_CDN, note: joinNotes(why, `no rows in ${got.url}`) };
  }
  const rows = repo.transaction(() => repo.upsertShortInterest(got.records));
  return { status: 'ok', rows, origin: ORIGIN_FINRA_CDN, checksum: got.checksum, note: why };
}

/**
 * Fetches and stores FINRA's whole settlement. Throws (for recordAttempt to turn into `failed`) only
 * when every source it tried failed; the message then names each failure.
 */
export async function collectFinraSettlement(deps: FinraDeps, settlementDate: string): Promise<AttemptResult> {
  if (!deps.providers.finraApi.hasCredentials()) return fromCdn(deps, settlementDate);
  let apiError: string;
  try {
    return await fromApi(deps, settlementDate);
  } catch (err) {
    apiError = errorMessage(err);
    deps.logger.warn({ settlementDate, err: apiError }, 'finra api short interest failed: trying the cdn file');
  }
  const why = `FINRA API failed (${apiError}): took the CDN file instead`;
  try {
    return await fromCdn(deps, settlementDate, why);
  } catch (err) {
    const message = `FINRA API failed (${apiError}); the CDN file failed too (${errorMessage(err)})`;
    if (err instanceof ProviderError) {
      throw new ProviderError(err.provider, err.kind, {
        message,
        cause: err,
        status: err.status,
        excerpt: err.excerpt,
      });
    }
    throw new Error(message, { cause: err });
  }
}
