import type { LineFormat } from '../../domain/line-format';
import { parseText } from '../../domain/line-format';
import type { ThresholdMarket, ThresholdRow } from '../../domain/short-supply';
import { marketDateAt, previousTradingDay } from '../../market/trading-calendar';
import { ParseError, ProviderError } from '../../shared/errors';
import { excerpt, type HttpClient } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { cboeThresholdFileName, cboeThresholdFormat } from './cboe-threshold-file';
import { nasdaqThresholdFileName, nasdaqThresholdFormat } from './nasdaq-threshold-file';
import { nyseThresholdFileName, nyseThresholdFormat } from './nyse-threshold-file';

// The three Reg SHO threshold lists of one trade date, keyless, five requests a day (Nasdaq 1, NYSE one
// per market, Cboe 1). The URLs are third-party reports [3P], none checked on a real answer here:
//   Nasdaq  www.nasdaqtrader.com/dynamic/symdir/regsho/nasdaqth{YYYYMMDD}.txt (~23:00 ET on D)
//   NYSE    www.nyse.com/api/regulatory/threshold-securities/download?selectedDate=DD-Mon-YYYY&market=…
//           (~22:00 ET on D; a day not out yet answers 200 with the header and a placeholder timestamp)
//   Cboe    cdn.cboe.com/resources/us/equities/market-statistics/reg-sho-threshold/
//           bzx_equities_reg_sho_threshold_{YYYYMMDD}.txt (~03:00 ET on D+1, 403 before)
// "Not there yet" is an answer (`missing`), a list is `ok` (possibly empty), and anything else throws:
// an HTML page in place of the text (Nasdaq answers bots with an Incapsula block page) is a failed
// fetch, never an empty list.

export type ThresholdFetch =
  | { status: 'ok'; market: ThresholdMarket; url: string; records: ThresholdRow[] }
  | { status: 'missing'; market: ThresholdMarket; url: string; reason: string };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function nyseDate(date: string): string {
  return `${date.slice(8, 10)}-${MONTHS[Number(date.slice(5, 7)) - 1]}-${date.slice(0, 4)}`;
}

function datedPath(pattern: string, date: string): string {
  return pattern.replaceAll('{YYYYMMDD}', date.replaceAll('-', '')).replace(/^\/+/, '');
}

function looksLikeHtml(body: string): boolean {
  const head = body.trimStart().slice(0, 200).toLowerCase();
  return head.startsWith('<') || head.includes('<html') || head.includes('incapsula');
}

export function createThresholdClient(deps: ProviderDeps) {
  const nasdaq = httpClientFor('nasdaq_trader', deps);
  const nyse = httpClientFor('nyse', deps);
  const cboe = httpClientFor('cboe', deps);
  const cfg = () => deps.config.providers;
  const log = deps.logger.child({ component: 'threshold-lists' });
  const urlOf = (http: HttpClient, path: string) => `${http.baseUrl.replace(/\/+$/, '')}/${path}`;

  function parse(http: HttpClient, format: LineFormat<ThresholdRow>, fileName: string, body: string, url: string) {
    if (looksLikeHtml(body)) {
      throw new ProviderError(http.provider, 'malformed', {
        message: `${http.provider}: an HTML page instead of the threshold list (${url}): blocked or an error page`,
        excerpt: excerpt(body),
      });
    }
    try {
      const { records, skipped } = parseText(format, fileName, body);
      if (skipped.size) log.info({ url, skipped: Object.fromEntries(skipped) }, 'threshold rows skipped');
      return records;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      throw new ProviderError(http.provider, 'malformed', {
        message: `${http.provider}: ${err.message}`,
        cause: err,
        excerpt: excerpt(body),
      });
    }
  }

  async function fetchNasdaq(date: string): Promise<ThresholdFetch> {
    const path = datedPath(cfg().nasdaq_trader.threshold_path, date);
    const url = urlOf(nasdaq, path);
    const response = await nasdaq.request(path, { acceptStatus: [404] });
    const body = await response.text();
    if (response.status === 404) {
      return { status: 'missing', market: 'nasdaq', url, reason: 'Nasdaq has no list for this date (HTTP 404)' };
    }
    return {
      status: 'ok',
      market: 'nasdaq',
      url,
      records: parse(nasdaq, nasdaqThresholdFormat, nasdaqThresholdFileName(date), body, url),
    };
  }

  /** Every configured NYSE market's list, as one: the three NYSE markets list different securities. */
  async function fetchNyse(date: string): Promise<ThresholdFetch> {
    const { threshold_path, threshold_markets } = cfg().nyse;
    const path = threshold_path.replace(/^\/+/, '');
    const url = urlOf(nyse, path);
    const records: ThresholdRow[] = [];
    // the placeholder of a day not out yet is the same answer as a quiet day: only a past date is a list
    const past = date < marketDateAt(deps.clock.now());
    for (const market of threshold_markets) {
      const response = await nyse.request(path, { searchParams: { selectedDate: nyseDate(date), market } });
      const body = await response.text();
      const rows = parse(
        nyse,
        nyseThresholdFormat,
        nyseThresholdFileName(market, date),
        body,
        `${url}?market=${market}`,
      );
      if (rows.length === 0 && !past) {
        return {
          status: 'missing',
          market: 'nyse',
          url,
          reason: `NYSE has not published the ${date} list yet (${market}: header only)`,
        };
      }
      records.push(...rows);
    }
    return { status: 'ok', market: 'nyse', url, records };
  }

  async function fetchCboe(date: string): Promise<ThresholdFetch> {
    const path = datedPath(cfg().cboe.threshold_path, date);
    const url = urlOf(cboe, path);
    const response = await cboe.request(path, { acceptStatus: [403, 404] });
    const body = await response.text();
    if (response.status === 403 || response.status === 404) {
      return {
        status: 'missing',
        market: 'cboe',
        url,
        reason: `Cboe has not posted the ${date} BZX list (HTTP ${response.status}: it comes about 03:00 ET the next day)`,
      };
    }
    return {
      status: 'ok',
      market: 'cboe',
      url,
      records: parse(cboe, cboeThresholdFormat, cboeThresholdFileName(date), body, url),
    };
  }

  const byMarket: Record<ThresholdMarket, (date: string) => Promise<ThresholdFetch>> = {
    nasdaq: fetchNasdaq,
    nyse: fetchNyse,
    cboe: fetchCboe,
  };
  /**
   * Reachability of NYSE's download in one small request (the previous session's NYSE list): any answer
   * from the host counts. Nasdaq Trader and Cboe are pinged as their own providers.
   */
  async function ping(): Promise<void> {
    const date = previousTradingDay(marketDateAt(deps.clock.now()));
    const path = cfg().nyse.threshold_path.replace(/^\/+/, '');
    const market = cfg().nyse.threshold_markets[0]!;
    await (
      await nyse.request(path, { searchParams: { selectedDate: nyseDate(date), market }, acceptStatus: [403, 404] })
    ).text();
  }

  return {
    ping,
    fetch: (market: ThresholdMarket, date: string): Promise<ThresholdFetch> => byMarket[market](date),
    /** requests one date's lists cost: the daily budget figure */
    requestsPerDate: (): number => 2 + cfg().nyse.threshold_markets.length,
  };
}

export type ThresholdClient = ReturnType<typeof createThresholdClient>;
export const THRESHOLD_MARKETS: readonly ThresholdMarket[] = ['nasdaq', 'nyse', 'cboe'];
