import type { SentimentPoint } from '../../domain/market-data';
import type { FinnhubSentimentPoint, FinnhubSocialSentiment } from './schemas';

export const SOURCE_FINNHUB = 'finnhub';

/**
 * Finnhub's `atTime` is "YYYY-MM-DD HH:MM:SS" without a zone. Its other timestamps are UTC, so this
 * is read as UTC too (Finnhub does not document it: an assumption) and stored as an ISO instant.
 */
export function finnhubAtTime(atTime: string): string {
  const [date, time = '00:00:00'] = atTime.trim().split(/[ T]/);
  const hms = time.length === 5 ? `${time}:00` : time.slice(0, 8);
  return `${date}T${hms}Z`;
}

function mapPoint(symbol: string, p: FinnhubSentimentPoint, source: string): SentimentPoint {
  return {
    symbol,
    atTime: finnhubAtTime(p.atTime),
    mention: p.mention,
    positiveMention: p.positiveMention,
    negativeMention: p.negativeMention,
    score: p.score,
    source,
  };
}

/** Both layouts → points in time order; the older per-network arrays keep their network in `source`. */
export function mapSocialSentiment(symbol: string, raw: FinnhubSocialSentiment): SentimentPoint[] {
  const points = [
    ...(raw.data ?? []).map((p) => mapPoint(symbol, p, SOURCE_FINNHUB)),
    ...(raw.reddit ?? []).map((p) => mapPoint(symbol, p, `${SOURCE_FINNHUB}-reddit`)),
    ...(raw.twitter ?? []).map((p) => mapPoint(symbol, p, `${SOURCE_FINNHUB}-twitter`)),
  ];
  return points.sort((a, b) => a.atTime.localeCompare(b.atTime) || a.source.localeCompare(b.source));
}
