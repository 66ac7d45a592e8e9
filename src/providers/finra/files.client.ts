import { createHash } from 'node:crypto';
import type { Facility, ShortInterestRecord, ShortVolumeRecord } from '../../domain/market-data';
import { parseText, type LineFormat } from '../../domain/line-format';
import { addCalendarDays } from '../../market/iso-date';
import { lastTradingDayOnOrBefore } from '../../market/trading-calendar';
import { ParseError, ProviderError } from '../../shared/errors';
import { excerpt } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { finraShortInterestFileFormat } from './short-interest-file';
import { finraShortVolumeFormat, shortVolumeFileName } from './short-volume-file';

// FINRA's keyless files: daily short-sale volume (one GET per facility and trade date) and the
// twice-monthly equity short interest (one GET per settlement, the whole market).
// A file that is not there is an answer, not a failure: cdn.finra.org says 403 for a date it has no
// file for (weekends, holidays, not posted yet), the old regsho host said 404 with an HTML page, and
// some mirrors answer 200 with that HTML page. All of these come back as `missing`.

/** One downloaded FINRA file: its records, or why there is no file (yet). */
export type FinraFileFetch<T> =
  | { status: 'ok'; url: string; records: T[]; checksum: string; rows: number }
  | { status: 'missing'; url: string; httpStatus: number; reason: string };
export type ShortVolumeFetch = FinraFileFetch<ShortVolumeRecord>;
export type ShortInterestFetch = FinraFileFetch<ShortInterestRecord>;

const PROVIDER = 'finra_files';
const MISSING_STATUSES = [403, 404];

export function shortVolumePath(facility: Facility, date: string): string {
  return `equity/regsho/daily/${shortVolumeFileName(facility, date)}`;
}

/** `shrt{YYYYMMDD}.csv` under the configured pattern (FINRA's own layout by default). */
export function shortInterestPath(pattern: string, settlementDate: string): string {
  return pattern.replaceAll('{YYYYMMDD}', settlementDate.replaceAll('-', '')).replace(/^\/+/, '');
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

  /** GET one file and parse it whole with its format; a malformed file is rejected whole. */
  async function fetchFile<T>(
    path: string,
    fileName: string,
    format: LineFormat<T>,
    missing403: string,
  ): Promise<FinraFileFetch<T>> {
    const url = urlOf(path);
    const response = await http.request(path, { acceptStatus: MISSING_STATUSES });
    const body = await response.text();
    if (MISSING_STATUSES.includes(response.status)) {
      const reason = response.status === 403 ? missing403 : 'no such file (HTTP 404)';
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
    let records: T[];
    try {
      records = parseText(format, fileName, body).records;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      log.warn({ url, line: err.line, reason: err.reason }, 'malformed FINRA file');
      throw new ProviderError(PROVIDER, 'malformed', { message: err.message, cause: err, excerpt: excerpt(body) });
    }
    return { status: 'ok', url, records, checksum, rows: records.length };
  }

  async function fetchShortVolume(facility: Facility, date: string): Promise<ShortVolumeFetch> {
    return fetchFile(
      shortVolumePath(facility, date),
      shortVolumeFileName(facility, date),
      finraShortVolumeFormat,
      'FINRA has no file for this date (HTTP 403: not a trading day or not posted yet)',
    );
  }

  /**
   * The whole market's short interest for one settlement, the file FINRA posts on publication day.
   * The CDN answers 403 both for a file not posted yet and for settlements before 2017-12-29.
   */
  async function fetchShortInterest(settlementDate: string): Promise<ShortInterestFetch> {
    const fileName = `shrt${settlementDate.replaceAll('-', '')}.csv`;
    const got = await fetchFile(
      shortInterestPath(deps.config.providers.finra_files.short_interest_path, settlementDate),
      fileName,
      finraShortInterestFileFormat,
      'FINRA has not posted this settlement (HTTP 403: not published yet, or before 2017-12-29)',
    );
    // a file holding another settlement's rows (a mis-named mirror copy) must not be stored under this one
    const stray = got.status === 'ok' ? got.records.find((r) => r.settlementDate !== settlementDate) : undefined;
    if (stray) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${fileName}: holds rows for settlement ${stray.settlementDate} (${stray.symbol}), not ${settlementDate}`,
      });
    }
    return got;
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

  return { fetchShortVolume, fetchShortInterest, ping, http };
}

export type FinraFilesClient = ReturnType<typeof createFinraFilesClient>;
