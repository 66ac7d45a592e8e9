import { unzipSync } from 'fflate';
import type { FailsRow } from '../../domain/short-supply';
import { parseText } from '../../domain/line-format';
import { failsFileId, failsPeriodOf, type FailsPeriod } from '../../market/sec-fails-calendar';
import { marketDateAt } from '../../market/trading-calendar';
import { ParseError, ProviderError } from '../../shared/errors';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { failsFormat } from './fails-file';

// The SEC's fails-to-deliver half-month files, keyless: one GET of `cnsfails{YYYYMM}{a|b}.zip` (about
// 1.0-1.4 MB, one .txt of 3-4 MB inside), unzipped in memory with fflate and parsed whole with the same
// parser `squeezebot import` uses. The SEC asks for a descriptive User-Agent with contact details
// (providers.sec.user_agent) and at most 10 requests a second: sec_calls_per_minute paces far below that.
// A 404 is a file not published yet (the collector asks again on the next run), not a failure. The rows
// are published on the fetch day (the market date of the download): the earliest a run could have read them.

export type FailsFetch =
  | { status: 'ok'; url: string; file: string; rows: FailsRow[] }
  | { status: 'missing'; url: string; file: string; reason: string };

const PROVIDER = 'sec';

export function createSecClient(deps: ProviderDeps) {
  const section = deps.config.providers.sec;
  const http = httpClientFor(PROVIDER, deps, { headers: { 'user-agent': section.user_agent } });

  function pathFor(p: FailsPeriod): string {
    return section.fails_path
      .replaceAll('{YYYYMM}', `${p.year}${String(p.month).padStart(2, '0')}`)
      .replaceAll('{HALF}', p.half)
      .replace(/^\/+/, '');
  }

  /** The one .txt of a downloaded zip; anything else is a malformed answer. */
  function textOf(zip: Uint8Array, file: string): { name: string; text: string } {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(zip);
    } catch (err) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: ${file}.zip is not a zip archive`,
        cause: err,
      });
    }
    const txt = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.txt'));
    if (txt.length !== 1) {
      throw new ProviderError(PROVIDER, 'malformed', {
        message: `${PROVIDER}: ${file}.zip holds ${txt.length} .txt files (${Object.keys(entries).join(', ') || 'none'}), expected one`,
      });
    }
    return { name: txt[0]!, text: new TextDecoder('latin1').decode(entries[txt[0]!]) };
  }

  async function fails(period: FailsPeriod): Promise<FailsFetch> {
    const file = failsFileId(period);
    const path = pathFor(period);
    const url = `${http.baseUrl.replace(/\/+$/, '')}/${path}`;
    const response = await http.request(path, { acceptStatus: [404] });
    if (response.status === 404) {
      await response.arrayBuffer();
      return { status: 'missing', url, file, reason: `${file} is not published yet (HTTP 404)` };
    }
    const { name, text } = textOf(new Uint8Array(await response.arrayBuffer()), file);
    try {
      const publishedOn = marketDateAt(deps.clock.now());
      const { records } = parseText(failsFormat({ publishedOn }), `${file}.txt`, text);
      if (records.some((r) => failsFileId(failsPeriodOf(r.settlementDate)) !== file)) {
        throw new ParseError(
          name,
          null,
          `rows of another half month than ${file} (the archive is not what was asked for)`,
        );
      }
      return { status: 'ok', url, file, rows: records };
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      throw new ProviderError(PROVIDER, 'malformed', { message: `${PROVIDER}: ${err.message}`, cause: err });
    }
  }

  /** Reachability in one tiny request (any answer counts). */
  async function ping(): Promise<void> {
    await (await http.request('robots.txt', { acceptStatus: [403, 404] })).text();
  }

  return { fails, ping, http };
}

export type SecClient = ReturnType<typeof createSecClient>;
