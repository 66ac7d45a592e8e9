import { createServer, type Server } from 'node:http';
import { latestPublishedSettlement } from '../../src/market/finra-calendar';
import { isTradingDay } from '../../src/market/trading-calendar';
import { buildMarket, TODAY, type Exchange, type SymbolSpec } from '../fixtures/keyless-world/market';
import {
  cnmsFile,
  nasdaqListed,
  otherListed,
  screenerBody,
  shrtFile,
  yahooChartBody,
  yahooKeyStatisticsBody,
} from '../fixtures/keyless-world/payloads';

// One local HTTP server on 127.0.0.1 standing in for every keyless host at once — FINRA's CDN, the
// Nasdaq Trader directory, the Nasdaq screener and Yahoo — for a CLI child process (msw cannot reach
// into another process). It answers the keyless world (fixtures/keyless-world) and logs every request
// with the provider it was meant for, so a test can hold the CLI to its printed budget.

export type Host = 'finra_files' | 'nasdaq_trader' | 'nasdaq_api' | 'yahoo';

export interface Hit {
  host: Host | 'unknown';
  path: string;
  status: number;
  /** epoch ms (the real clock), comparable with runCliAt's line times */
  at: number;
}

export interface KeylessServer {
  base: string;
  market: SymbolSpec[];
  hits: Hit[];
  /** the environment that points every keyless provider at this server */
  env(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

const iso = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
const ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code></Error>';

export async function startKeylessServer(market = buildMarket()): Promise<KeylessServer> {
  const bySymbol = new Map(market.map((s) => [s.symbol, s]));
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const p = url.pathname;
    const answer = (host: Hit['host'], status: number, body: string, type = 'text/plain') => {
      hits.push({ host, path: `${p}${url.search}`, status, at: Date.now() });
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const vol = /\/CNMSshvol(\d{8})\.txt$/.exec(p);
    const shrt = /\/shrt(\d{8})\.csv$/.exec(p);
    const chart = /\/v8\/finance\/chart\/([^/]+)$/.exec(p);
    const stats = /\/v10\/finance\/quoteSummary\/([^/]+)$/.exec(p);
    if (vol) {
      const date = iso(vol[1]!);
      // FINRA's CDN answers a day without a file (weekend, holiday, not yet posted) with S3's 403
      if (!isTradingDay(date) || date > TODAY) answer('finra_files', 403, ACCESS_DENIED, 'application/xml');
      else answer('finra_files', 200, cnmsFile(market, date));
    } else if (shrt) {
      const settlement = iso(shrt[1]!);
      if (settlement > TODAY) answer('finra_files', 403, ACCESS_DENIED, 'application/xml');
      else answer('finra_files', 200, shrtFile(market, settlement), 'binary/octet-stream');
    } else if (p.endsWith('/nasdaqlisted.txt')) answer('nasdaq_trader', 200, nasdaqListed(market));
    else if (p.endsWith('/otherlisted.txt')) answer('nasdaq_trader', 200, otherListed(market));
    else if (p.endsWith('/api/screener/stocks')) {
      // no exchange: the all-exchange request (one answer for every listed stock)
      const asked = url.searchParams.get('exchange');
      const exchange = asked === null ? null : (asked.toLowerCase() as Exchange);
      if (exchange !== null && !['nasdaq', 'nyse', 'amex'].includes(exchange))
        answer('nasdaq_api', 400, '{"data":null}');
      else answer('nasdaq_api', 200, screenerBody(market, exchange), 'application/json');
    } else if (chart) {
      const s = bySymbol.get(decodeURIComponent(chart[1]!));
      const p1 = Number(url.searchParams.get('period1'));
      const p2 = Number(url.searchParams.get('period2'));
      const from = p1 ? new Date(p1 * 1000).toISOString().slice(0, 10) : '2026-11-12';
      const to = p2 ? new Date(p2 * 1000 - 86_400_000).toISOString().slice(0, 10) : TODAY;
      const { status, body } = yahooChartBody(s, from, to);
      answer('yahoo', status, body, 'application/json');
    } else if (stats) {
      const s = bySymbol.get(decodeURIComponent(stats[1]!));
      if (!s) answer('yahoo', 404, '{"quoteSummary":{"result":null,"error":{"code":"Not Found"}}}');
      else answer('yahoo', 200, yahooKeyStatisticsBody(s, latestPublishedSettlement(TODAY)), 'application/json');
    } else if (p.endsWith('/v1/test/getcrumb')) answer('yahoo', 200, 'crumb-e2e');
    else if (p.startsWith('/fc')) {
      res.setHeader('set-cookie', 'A3=d=AQABBe2e; Max-Age=31557600; Path=/; SameSite=None; HttpOnly');
      answer('yahoo', 404, '<html><body>Not Found</body></html>', 'text/html');
    } else answer('unknown', 404, 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    market,
    hits,
    env: () => ({
      SQUEEZEBOT_CFG__providers__finra_files__base_url: base,
      SQUEEZEBOT_CFG__providers__nasdaq_trader__base_url: base,
      SQUEEZEBOT_CFG__providers__nasdaq_api__base_url: base,
      SQUEEZEBOT_CFG__providers__yahoo__base_url: base,
      SQUEEZEBOT_CFG__providers__yahoo__cookie_url: `${base}/fc`,
      // a market of ~1,000 symbols, not ~7,000: the per-exchange minimums scaled down with it
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__nasdaq: '300',
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__nyse: '200',
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__amex: '20',
    }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
