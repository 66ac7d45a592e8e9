import { http, HttpResponse } from 'msw';
import { tradingDaysBetween } from '../../src/market/trading-calendar';
import {
  finraShortInterestRow,
  HOSTS,
  yahooChart,
  yahooKeyStatistics,
  yahooSessionHandlers,
} from '../fixtures/collectors/payloads';
import { SHRT_BASE, shrtFileText } from '../fixtures/collectors/finra-shrt';
import {
  screenerEnvelope,
  screenerRow,
  SCREENER_URL,
  type Exchange,
  type RowSpec,
} from '../fixtures/nasdaq-api/screener';
import { symbolsFor } from './generate-cnms';

// A keyless whole market for the benchmark, every provider answered by msw in its real shape (the
// test fixtures' writers, FORMATS.md and FORMATS-keyless §1): ~7,000 listed stocks on the screener, the
// Nasdaq Trader directory listing them with ~400 Arca ETFs (and missing a few screener names, so the
// all-exchange answer's rows without an exchange show), CNMS pipe files, the shrt CSV and Yahoo's chart
// and key statistics. Deterministic (seeded): every run serves the same bytes.

export interface KeylessMarket {
  stocks: { symbol: string; exchange: Exchange; row: RowSpec }[];
  etfs: string[];
  /** listed by the screener, not by the directory */
  screenerOnly: Set<string>;
}

const SECTORS = ['Technology', 'Health Care', 'Finance', 'Consumer Discretionary', 'Industrials', 'Energy'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function keylessMarket(listed = 7_400): KeylessMarket {
  const random = rng(7);
  const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)));
  const stocks: KeylessMarket['stocks'] = [];
  const etfs: string[] = [];
  const screenerOnly = new Set<string>();
  symbolsFor(listed).forEach((symbol, i) => {
    if (i % 18 === 0) return void etfs.push(symbol);
    // the 2026 split of the screener's rows: 4,179 Nasdaq, 2,711 NYSE, 292 AMEX
    const r = random();
    const exchange: Exchange = r < 0.58 ? 'nasdaq' : r < 0.96 ? 'nyse' : 'amex';
    const traded = random() > 0.03;
    const row: RowSpec = {
      symbol,
      lastsale: traded ? `$${logUniform(0.5, 300).toFixed(2)}` : 'NA',
      volume: traded ? String(Math.floor(logUniform(1_000, 50_000_000))) : '0',
      marketCap: random() < 0.05 ? '' : logUniform(5e6, 5e11).toFixed(2),
      sector: SECTORS[i % SECTORS.length]!,
    };
    stocks.push({ symbol, exchange, row });
    if (i % 350 === 1) screenerOnly.add(symbol);
  });
  return { stocks, etfs, screenerOnly };
}

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const trailer = (date: string) => `File Creation Time: ${date.slice(5, 7)}${date.slice(8, 10)}${date.slice(0, 4)}22:01`;

function directoryFiles(m: KeylessMarket, date: string): Record<string, string> {
  const listed = m.stocks.filter((s) => !m.screenerOnly.has(s.symbol));
  const nasdaq = listed.filter((s) => s.exchange === 'nasdaq');
  const other = listed.filter((s) => s.exchange !== 'nasdaq');
  return {
    'nasdaqlisted.txt': crlf([
      'Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares',
      ...nasdaq.map((s) => `${s.symbol}|${s.symbol} Inc. - Common Stock|Q|N|N|100|N|N`),
      `${trailer(date)}|||||||`,
    ]),
    'otherlisted.txt': crlf([
      'ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol',
      ...other.map((s) => {
        const x = s.exchange === 'nyse' ? 'N' : 'A';
        return `${s.symbol}|${s.symbol} Corporation Common Stock|${x}|${s.symbol}|N|100|N|${s.symbol}`;
      }),
      ...m.etfs.map((e) => `${e}|${e} Trust ETF|P|${e}|Y|100|N|${e}`),
      `${trailer(date)}|||||||`,
    ]),
  };
}

/** Deterministic 0..1 from a symbol index and a day: the day-to-day noise of the CNMS volumes. */
const noise = (i: number, day: number) => (((i * 2654435761 + day * 40503) >>> 0) % 10_000) / 10_000;

/**
 * CNMS files: each symbol trades its own off-exchange level (20k to 4M shares) ±40% a day; 1 in 250
 * symbols spikes 4–7× on the first start's session, so the keyless first scan (the volume proxy) finds a
 * short list of its own to fetch history for.
 */
export const SPIKE_DAY = '20261123';
function cnmsFile(m: KeylessMarket, compact: string): string {
  const symbols = [...m.stocks.map((s) => s.symbol), ...m.etfs].sort();
  const day = Number(compact.slice(-4));
  const rows = symbols.map((s, i) => {
    const level = 20_000 * Math.exp(noise(i, 0) * Math.log(200));
    const spike = compact === SPIKE_DAY && i % 250 === 7 ? 4 + 3 * noise(i, 1) : 1;
    const total = Math.round(level * (0.6 + 0.8 * noise(i, day)) * spike);
    return `${compact}|${s}|${Math.floor(total * 0.45)}|${i % 11}|${total}|B,Q,N`;
  });
  return crlf(['Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market', ...rows, String(rows.length)]);
}

function shrtFile(m: KeylessMarket, settlement: string): string {
  const rows = m.stocks.map((s, i) =>
    finraShortInterestRow({
      symbol: s.symbol,
      settlement,
      current: 50_000 + i * 131,
      previous: 48_000 + i * 127,
      adv: 20_000 + i * 17,
      exchange: s.exchange === 'nasdaq' ? 'Q' : 'N',
    }),
  );
  return shrtFileText(rows);
}

/** Every handler the keyless first start and daily update meet; `today` dates the directory's trailer. */
export function keylessHandlers(m: KeylessMarket, today: () => string, options: { allExchanges?: 'short' } = {}) {
  const byExchange = (e: Exchange | null) => m.stocks.filter((s) => e === null || s.exchange === e).map((s) => s.row);
  const screenerBody = (rows: RowSpec[]) => JSON.stringify(screenerEnvelope(rows.map(screenerRow)));
  return [
    http.get(SCREENER_URL, ({ request }) => {
      const exchange = new URL(request.url).searchParams.get('exchange') as Exchange | null;
      // a short all-exchange answer: the fallback's case (the request is [3P], unverified)
      const rows = exchange === null && options.allExchanges === 'short' ? byExchange('amex') : byExchange(exchange);
      return new HttpResponse(screenerBody(rows), { headers: { 'content-type': 'application/json' } });
    }),
    http.get(`${HOSTS.nasdaq}/:file`, ({ params }) => {
      const body = directoryFiles(m, today())[String(params.file)];
      return body ? HttpResponse.text(body) : new HttpResponse('Not Found', { status: 404 });
    }),
    http.get(`${HOSTS.finraFiles}/:file`, ({ params }) => {
      const d = /^CNMSshvol(\d{8})\.txt$/.exec(String(params.file));
      if (!d) return new HttpResponse('<Error><Code>AccessDenied</Code></Error>', { status: 403 });
      return HttpResponse.text(cnmsFile(m, d[1]!));
    }),
    http.get(`${SHRT_BASE}/:file`, ({ params }) => {
      const d = /^shrt(\d{4})(\d{2})(\d{2})\.csv$/.exec(String(params.file))!;
      return new HttpResponse(shrtFile(m, `${d[1]}-${d[2]}-${d[3]}`), {
        headers: { 'content-type': 'binary/octet-stream' },
      });
    }),
    http.get(`${HOSTS.yahoo}/v8/finance/chart/:symbol`, ({ params, request }) => {
      const url = new URL(request.url);
      const day = (p: string) => new Date(Number(url.searchParams.get(p)) * 1000).toISOString().slice(0, 10);
      const days = tradingDaysBetween(day('period1'), day('period2')).filter((d) => d < day('period2'));
      const symbol = String(params.symbol);
      return HttpResponse.json(
        yahooChart(
          symbol,
          days.map((d, i) => [d, [10, 10.8, 9.6, 10.2 + i / 10, 900_000]]),
        ),
      );
    }),
    ...yahooSessionHandlers(),
    http.get(`${HOSTS.yahoo}/v10/finance/quoteSummary/:symbol`, () =>
      HttpResponse.json(
        yahooKeyStatistics({
          sharesShort: 4_000_000,
          settlement: '2026-11-13',
          floatShares: 40_000_000,
          sharesOutstanding: 50_000_000,
          shortRatio: 2.5,
        }),
      ),
    ),
  ];
}

/** A request's dataset, as the budgets count them (CLARIFICATIONS: per dataset). */
export function datasetOf(url: URL): string {
  const p = url.pathname;
  if (url.host === 'api.nasdaq.com') return `nasdaq screener (${url.searchParams.get('exchange') ?? 'all exchanges'})`;
  if (url.host === 'www.nasdaqtrader.com') return 'nasdaq directory';
  if (p.includes('/regsho/daily/')) return 'finra short volume (CNMS)';
  if (p.includes('/otcmarket/biweekly/')) return 'finra short interest (shrt)';
  if (p.includes('/v8/finance/chart/')) return 'yahoo chart (per symbol)';
  if (p.includes('/quoteSummary/')) return 'yahoo key statistics (per symbol)';
  if (url.host.endsWith('yahoo.com')) return 'yahoo session (cookie + crumb)';
  return `other ${url.host}${p}`;
}

export const WHOLE_MARKET = (dataset: string) =>
  dataset.startsWith('nasdaq screener') || dataset === 'nasdaq directory' || dataset.startsWith('finra short volume');
export const PER_SYMBOL = (dataset: string) => dataset.startsWith('yahoo');
