import type { Config } from '../../config/schema';
import { tradingDayDistance } from '../../market/trading-calendar';
import type { PipelineSource } from '../pipeline-source';
import type { RunRecorder } from '../run-recorder';

// Stage 2, price filtering: the last close on or before the day scored, inside
// volume_detector.filters min_price..max_price. A symbol without a recent bar cannot be judged.

/** Bars older than this many trading days no longer price a symbol. */
export const MAX_PRICE_AGE_TRADING_DAYS = 5;

export function priceStage(symbols: string[], source: PipelineSource, config: Config, recorder: RunRecorder): string[] {
  const { min_price, max_price } = config.volume_detector.filters;
  const stage = recorder.stage('price_filtering', symbols.length, {
    price_min: min_price,
    price_max: max_price,
    max_age_trading_days: MAX_PRICE_AGE_TRADING_DAYS,
  });
  const out: string[] = [];
  for (const symbol of symbols) {
    const last = source.lastBar(symbol);
    if (!last) {
      stage.eliminate(symbol, 'no_price_data');
      continue;
    }
    // most of the market has a bar on the day itself: no calendar walk for those
    const age = last.date === source.asOf ? 0 : tradingDayDistance(last.date, source.asOf);
    if (age > MAX_PRICE_AGE_TRADING_DAYS) {
      stage.eliminate(symbol, 'stale_price_data', age, MAX_PRICE_AGE_TRADING_DAYS, `last bar ${last.date}`);
      continue;
    }
    if (last.close < min_price) {
      stage.eliminate(symbol, 'price_too_low', last.close, min_price);
      continue;
    }
    if (last.close > max_price) {
      stage.eliminate(symbol, 'price_too_high', last.close, max_price);
      continue;
    }
    out.push(symbol);
  }
  stage.done(out.length);
  return out;
}
