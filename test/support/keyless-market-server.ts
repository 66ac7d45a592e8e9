import { createServer, type Server } from 'node:http';
import { finraShrtFor } from '../fixtures/backfill/market';
import { NASDAQ_LISTED, OTHER_LISTED } from '../fixtures/collectors/payloads';
import { allExchangeRows, MARKET, screenerEnvelope, screenerRow, type Exchange } from '../fixtures/nasdaq-api/screener';
import { finraShortVolumeText } from './ingest-harness';

// One local HTTP server on 127.0.0.1 standing in for every keyless host a first start needs: FINRA's
// CDN (CNMS short-volume files for any day, shrt short-interest files), the Nasdaq Trader directory and
// the Nasdaq screener. Every request path is recorded, so a test holds the CLI to its printed budget;
// `delayMs` slows each answer, so a backfill lasts long enough to watch its progress.

/**
 * The screener is paced to 6 calls a minute (Nasdaq blocks pollers), retries included: a local stand-in
 * or a closed port need not wait 10 s a call.
 */
export const FAST_SCREENER = { SQUEEZEBOT_CFG__performance__api_rate_limits__nasdaq_api_calls_per_minute: '600' };

export interface KeylessMarket {
  base: string;
  /** request paths, in arrival order */
  seen: string[];
  /**
   * what the screener answers without `exchange` (the one all-exchange request): every exchange's rows, or
   * too few (a failed fetch the client falls back from); settable between runs
   */
  allExchanges: 'rows' | 'short';
  /** the environment that points the CLI's keyless providers here (small screener minimums included) */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startKeylessMarket(options: { delayMs?: number } = {}): Promise<KeylessMarket> {
  const seen: string[] = [];
  const market = { seen, allExchanges: 'rows' } as KeylessMarket;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    seen.push(url.pathname);
    const vol = /CNMSshvol(\d{4})(\d{2})(\d{2})\.txt$/.exec(url.pathname);
    const shrt = /shrt(\d{4})(\d{2})(\d{2})\.csv$/.exec(url.pathname);
    const exchange = url.searchParams.get('exchange') as Exchange | null;
    const answer = () => {
      if (vol) res.end(finraShortVolumeText(`${vol[1]}-${vol[2]}-${vol[3]}`, [['GME', 600, 0, 1000, 'Q']]));
      else if (shrt) res.end(finraShrtFor(`${shrt[1]}-${shrt[2]}-${shrt[3]}`));
      else if (url.pathname.endsWith('nasdaqlisted.txt')) res.end(NASDAQ_LISTED);
      else if (url.pathname.endsWith('otherlisted.txt')) res.end(OTHER_LISTED);
      else if (url.pathname.endsWith('screener/stocks') && (!exchange || MARKET[exchange])) {
        const rows = exchange
          ? MARKET[exchange]
          : market.allExchanges === 'rows'
            ? allExchangeRows(MARKET)!
            : MARKET.amex;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(screenerEnvelope(rows.map(screenerRow))));
      } else res.writeHead(404).end();
    };
    if (options.delayMs) setTimeout(answer, options.delayMs);
    else answer();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  Object.assign(market, {
    base,
    env: {
      SQUEEZEBOT_CFG__providers__finra_files__base_url: base,
      SQUEEZEBOT_CFG__providers__nasdaq_trader__base_url: base,
      SQUEEZEBOT_CFG__providers__nasdaq_api__base_url: base,
      // the local screener is a market of a few rows, not thousands
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__nasdaq: '1',
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__nyse: '1',
      SQUEEZEBOT_CFG__providers__nasdaq_api__min_rows__amex: '1',
      ...FAST_SCREENER,
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  });
  return market;
}
