import type { SentimentPoint } from '../../domain/market-data';
import { toPolygon } from '../../market/symbol-map';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { keyRefused } from '../http';
import { mapSocialSentiment } from './map';
import { finnhubQuoteSchema, finnhubSocialSentimentSchema } from './schemas';

// Finnhub: social sentiment (Reddit/Twitter mentions and scores) for the deep scan.
//
// Options volume (call/put ratio) and borrow fees are NOT here on purpose: Finnhub's free tier serves
// neither, and no endpoint is invented for them. The scoring weights for call_put_ratio and
// borrow_fee therefore have no provider yet; the pipeline must treat them as missing, not zero.

export interface FinnhubClient {
  socialSentiment(symbol: string, from: string, to: string): Promise<SentimentPoint[]>;
  ping(): Promise<void>;
}

const PROVIDER = 'finnhub';

export function createFinnhubClient(deps: ProviderDeps & { apiKey: string }): FinnhubClient {
  const http = httpClientFor(PROVIDER, deps);

  return {
    async socialSentiment(symbol, from, to) {
      // Finnhub spells US share classes with a dot, as Polygon does (BRK.B)
      const raw = await http.json('api/v1/stock/social-sentiment', finnhubSocialSentimentSchema, {
        searchParams: { symbol: toPolygon(symbol), from, to, token: deps.apiKey },
      });
      return mapSocialSentiment(symbol, raw);
    },

    async ping() {
      try {
        await http.json('api/v1/quote', finnhubQuoteSchema, { searchParams: { symbol: 'AAPL', token: deps.apiKey } });
      } catch (err) {
        throw keyRefused(err, PROVIDER, 'FINNHUB_API_KEY');
      }
    },
  };
}
