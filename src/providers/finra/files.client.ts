import { createHash } from 'node:crypto';
import type { Facility, ShortVolumeRecord } from '../../domain/market-data';
import { parseText } from '../../domain/line-format';
import { addCalendarDays } from '../../market/iso-date';
import { lastTradingDayOnOrBefore } from '../../market/trading-calendar';
import { ParseError, ProviderError } from '../../shared/errors';
import { excerpt } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { finraShortVolumeFormat, shortVolumeFileName } from './short-volume-file';

// FINRA's keyless daily short-sale volume files: one GET per facility and trade date.
// A file that is not there is an answer, not a failure: cdn.finra.org says 403 for a date it has no
// file for (weekends, holidays, not posted yet), the old regsho host said 404 with an HTML page, and
// some mirrors answer 200 with that HTML page. All of these come back as `missing`.

export type ShortVolumeFetch =
  | { status: 'ok'; url: string; records: ShortVolumeRecord[]; checksum: string; rows: number }
  | { status: 'missing'; url: string; httpStatus: number; reason: string };

const PROVIDER = 'finra_files';
const MISSING_STATUSES = [403, 404];

export function shortVolumePath(facility: Facility, date: string): string {
  return `equity/regsho/daily/${shortVolumeFileName(facility, date)}`;
}

function looksLikeHtml(body: string, contentType: string | null): boolean {
  const head = body.trimStart().slice(0, 100).toLowerCase();
  return (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    head.startsWith('<?xml') ||
    (head.startsWith('<') && (contentType ?? '').includes('html'))
  );
}

export function createFinraFilesClient(deps: ProviderDeps) {
  const http = httpClientFor(PROVIDER, deps);
  const log = deps.logger.child({ provider: PROVIDER });
  const urlOf = (path: string) => `${http.baseUrl.replace(/\/+$/, '')}/${path}`;

  async function fetchShortVolume(facility: Facility, date: string): Promise<ShortVolumeFetch> {
    const path = shortVolumePath(facility, date);
    const url = urlOf(path);
    const response = await http.request(path, { acceptStatus: MISSING_STATUSES });
    const body = await response.text();
    if (MISSING_STATUSES.includes(response.status)) {
      const reason =
        response.status === 403
          ? 'FINRA has no file for this date (HTTP 403: not a trading day or not posted yet)'
          : 'no such file (HTTP 404)';
      return { status: 'missing', url, httpStatus: response.status, reason };
    }
    if (looksLikeHtml(body, response.headers.get('content-type'))) {
      return {
        status: 'missing',
        url,
        httpStatus: response.status,
        reason: 'an HTML page instead of the file (the server has no file for this date)',
      };
    }
    const checksum = createHash('sha256').update(body).digest('hex');
    let records: ShortVolumeRecord[];
    try {
      records = parseText(finraShortVolumeFormat, shortVolumeFileName(facility, date), body).records;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      log.warn({ url, line: err.line, reason: err.reason }, 'malformed short-volume file');
      throw new ProviderError(PROVIDER, 'malformed', { message: err.message, cause: err, excerpt: excerpt(body) });
    }
    return { status: 'ok', url, records, checksum, rows: records.length };
  }

  /**
   * Reachability in one tiny request: the ADF (FNRA) file of the last trading day is a header and a
   * `0` trailer (65 bytes). Any answer from the host counts, including "no such file".
   */
  async function ping(): Promise<void> {
    const today = deps.clock.now().toISOString().slice(0, 10);
    const date = lastTradingDayOnOrBefore(addCalendarDays(today, -1));
    const response = await http.request(shortVolumePath('FNRA', date), { acceptStatus: MISSING_STATUSES });
    await response.text();
  }

  return { fetchShortVolume, ping, http };
}

export type FinraFilesClient = ReturnType<typeof createFinraFilesClient>;
