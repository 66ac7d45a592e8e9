import type { Secrets } from '../config/schema';
import type { ProviderDeps } from './from-config';
import { createCboeClient } from './cboe/client';
import { createFinraApiClient } from './finra/api.client';
import { createFinraFilesClient } from './finra/files.client';
import { createFinnhubClient } from './finnhub/client';
import { createFmpClient } from './fmp/client';
import { createIbkrClient } from './ibkr/client';
import { createNasdaqApiClient } from './nasdaq-api/client';
import { createNasdaqTraderClient } from './nasdaq-trader/client';
import { createPolygonClient } from './polygon/client';
import { createSecClient } from './sec/client';
import { createThresholdClient } from './regsho/threshold.client';
import { createYahooClient } from './yahoo/client';

// Keyless first: FINRA files and API, the Nasdaq directory, the Nasdaq screener and Yahoo always exist; each keyed
// provider exists only when its key is set.

export interface Providers {
  finraFiles: ReturnType<typeof createFinraFilesClient>;
  finraApi: ReturnType<typeof createFinraApiClient>;
  nasdaqTrader: ReturnType<typeof createNasdaqTraderClient>;
  nasdaqApi: ReturnType<typeof createNasdaqApiClient>;
  yahoo: ReturnType<typeof createYahooClient>;
  /** Reg SHO threshold lists: Nasdaq, NYSE, Cboe BZX (keyless) */
  threshold: ReturnType<typeof createThresholdClient>;
  /** Cboe delayed options chains for the short list (keyless) */
  cboe: ReturnType<typeof createCboeClient>;
  /** IBKR's stock-loan file over anonymous FTP: borrow fee and shares available (keyless) */
  ibkr: ReturnType<typeof createIbkrClient>;
  /** SEC fails-to-deliver, twice a month (keyless) */
  sec: ReturnType<typeof createSecClient>;
  polygon?: ReturnType<typeof createPolygonClient>;
  fmp?: ReturnType<typeof createFmpClient>;
  finnhub?: ReturnType<typeof createFinnhubClient>;
}

export type ProviderKey = keyof Providers;

export function createProviders(deps: ProviderDeps & { secrets: Secrets }): Providers {
  const { secrets } = deps;
  return {
    finraFiles: createFinraFilesClient(deps),
    finraApi: createFinraApiClient({
      ...deps,
      clientId: secrets.FINRA_CLIENT_ID,
      clientSecret: secrets.FINRA_CLIENT_SECRET,
    }),
    nasdaqTrader: createNasdaqTraderClient(deps),
    nasdaqApi: createNasdaqApiClient(deps),
    yahoo: createYahooClient(deps),
    threshold: createThresholdClient(deps),
    cboe: createCboeClient(deps),
    ibkr: createIbkrClient(deps),
    sec: createSecClient(deps),
    polygon: secrets.POLYGON_API_KEY ? createPolygonClient({ ...deps, apiKey: secrets.POLYGON_API_KEY }) : undefined,
    fmp: secrets.FMP_API_KEY ? createFmpClient({ ...deps, apiKey: secrets.FMP_API_KEY }) : undefined,
    finnhub: secrets.FINNHUB_API_KEY ? createFinnhubClient({ ...deps, apiKey: secrets.FINNHUB_API_KEY }) : undefined,
  };
}

/** What each provider is for and which secret turns it on, for `doctor` and the README. */
export const PROVIDER_INFO: Record<ProviderKey, { label: string; secret?: keyof Secrets; gives: string }> = {
  finraFiles: {
    label: 'FINRA files (cdn.finra.org)',
    gives: 'whole-market daily short volume and twice-monthly short interest (keyless)',
  },
  finraApi: {
    label: 'FINRA Query API',
    secret: 'FINRA_CLIENT_ID',
    gives: 'short interest, Reg SHO by facility, OTC weekly (token optional)',
  },
  nasdaqTrader: {
    label: 'Nasdaq Trader symbol directory',
    gives: 'the listed universe with ETF and test-issue flags (keyless)',
  },
  nasdaqApi: {
    label: 'Nasdaq stock screener',
    gives: 'a whole-market snapshot after the close: closes, volume, market cap, sector (keyless)',
  },
  yahoo: { label: 'Yahoo Finance', gives: 'daily bars and key statistics for the short list (keyless)' },
  threshold: {
    label: 'Reg SHO threshold lists (Nasdaq Trader, NYSE, Cboe)',
    gives: 'the daily lists of securities with persistent fails to deliver (keyless)',
  },
  cboe: { label: 'Cboe delayed quotes (cdn.cboe.com)', gives: 'options chains for the short list (keyless)' },
  ibkr: {
    label: 'IBKR stock-loan file (anonymous FTP)',
    gives: 'borrow fee, rebate and shares available for every US symbol, through the day (keyless)',
  },
  sec: {
    label: 'SEC fails-to-deliver (www.sec.gov)',
    gives: 'twice-monthly fails-to-deliver by settlement day (keyless; set providers.sec.user_agent)',
  },
  polygon: {
    label: 'Polygon',
    secret: 'POLYGON_API_KEY',
    gives: 'whole-market daily bars in one call, trades and quotes',
  },
  fmp: { label: 'Financial Modeling Prep', secret: 'FMP_API_KEY', gives: 'screener with market cap, float' },
  finnhub: { label: 'Finnhub', secret: 'FINNHUB_API_KEY', gives: 'social sentiment' },
};
