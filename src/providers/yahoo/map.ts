import type { DailyBar, ShortInterestRecord } from '../../domain/market-data';
import { shortInterestPublicationDate } from '../../market/finra-calendar';
import { MARKET_TIME_ZONE, marketDateAt } from '../../market/market-time';
import type { YahooChartResult, YahooKeyStatistics } from './schemas';

export const SOURCE_YAHOO = 'yahoo';

/**
 * A chart result → one bar a trading day. Daily timestamps are the session open in the exchange's
 * zone, so the date is read there. A day with a null close or volume is a hole Yahoo left (halts,
 * bad prints, the current unfinished day): skipped, never filled. Yahoo sometimes repeats the last
 * day; the later entry wins.
 */
export function mapChart(symbol: string, result: YahooChartResult, from: string, to: string): DailyBar[] {
  const timestamps = result.timestamp ?? [];
  const quote = result.indicators.quote[0]!;
  const adj = result.indicators.adjclose?.[0]?.adjclose;
  const zone = result.meta.exchangeTimezoneName ?? MARKET_TIME_ZONE;
  const byDate = new Map<string, DailyBar>();
  timestamps.forEach((ts, i) => {
    const close = quote.close?.[i];
    const volume = quote.volume?.[i];
    if (close == null || volume == null) return;
    const date = marketDateAt(new Date(ts * 1000), zone);
    if (date < from || date > to) return;
    byDate.set(date, {
      symbol,
      date,
      open: quote.open?.[i] ?? null,
      high: quote.high?.[i] ?? null,
      low: quote.low?.[i] ?? null,
      close,
      adjClose: adj?.[i] ?? null,
      volume,
      vwap: null,
      trades: null,
      source: SOURCE_YAHOO,
      publishedOn: date,
    });
  });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export interface YahooKeyStatisticsResult {
  shortInterest: ShortInterestRecord | null;
  floatShares: number | null;
  sharesOutstanding: number | null;
}

/**
 * defaultKeyStatistics → a short-interest record (source 'yahoo') plus float and shares outstanding.
 * Yahoo shows FINRA's figure for the settlement in `dateShortInterest` once FINRA has published it,
 * so the record is dated on FINRA's publication day for that settlement (point in time), not on the
 * day we fetched it. `sharesShortPriorMonth` is a month back, two settlements earlier, so it is not
 * FINRA's "previous" figure and is left out of previousShortInterest.
 */
export function mapKeyStatistics(symbol: string, stats: YahooKeyStatistics | undefined): YahooKeyStatisticsResult {
  const floatShares = stats?.floatShares?.raw ?? null;
  const sharesOutstanding = stats?.sharesOutstanding?.raw ?? null;
  const shares = stats?.sharesShort?.raw;
  const settledAt = stats?.dateShortInterest?.raw;
  if (shares == null || settledAt == null) return { shortInterest: null, floatShares, sharesOutstanding };
  // settlement dates come as midnight UTC of the settlement day
  const settlementDate = new Date(settledAt * 1000).toISOString().slice(0, 10);
  return {
    floatShares,
    sharesOutstanding,
    shortInterest: {
      symbol,
      settlementDate,
      source: 'yahoo',
      shortInterest: shares,
      previousShortInterest: null,
      avgDailyVolume: null,
      daysToCoverReported: stats?.shortRatio?.raw ?? null,
      changePercent: null,
      changeShares: null,
      shortPercentFloat: stats?.shortPercentOfFloat?.raw ?? null,
      floatShares,
      issueName: null,
      marketClass: null,
      exchangeCode: null,
      revisionFlag: false,
      splitFlag: false,
      publishedOn: shortInterestPublicationDate(settlementDate),
    },
  };
}
