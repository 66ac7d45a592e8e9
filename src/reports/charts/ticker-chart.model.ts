import { addCalendarDays } from '../../market/iso-date';
import { tradingDaysBetween } from '../../market/trading-calendar';
import { sma } from '../../signals/indicators';
import type { OhlcvBar } from '../../domain/bars';
import {
  RANGE_DAYS,
  leftOutLine,
  type ChartModel,
  type ChartRange,
  type LeftOut,
  type Panel,
  type PanelId,
} from './chart-model';
import type { AxisContext, TickerChartData } from './panel-context';
import { borrowPanel } from './borrow.panel';
import { failsPanel } from './fails.panel';
import { offExchangePanel } from './off-exchange.panel';
import { pricePanel } from './price.panel';
import { scorePanel } from './score.panel';
import { shortInterestPanel } from './short-interest.panel';
import { shortVolumePanel } from './short-volume.panel';

// The ticker chart as data: pure, asOf a parameter, everything point in time (a figure appears on
// the day it was published). Panels: price with volume and alerts; facility short ratio with its
// 60-day band; short interest and days to cover; squeeze score with the alert thresholds; and, where
// the store has any, off-exchange (OTC participation, lit flow, accumulation).

/** Sessions read before the range so the 60-day band and 20-day averages exist from its first day. */
export const WARMUP_SESSIONS = 80;

export function rangeStart(asOf: string, range: ChartRange): string {
  return addCalendarDays(asOf, -RANGE_DAYS[range]);
}

/** The first day the data loader must read from, to have the warm-up before the range. */
export function warmupStart(asOf: string, range: ChartRange): string {
  return addCalendarDays(rangeStart(asOf, range), -Math.ceil((WARMUP_SESSIONS * 7) / 5) - 10);
}

/** Why a panel is left out, in the words of the chart's note and the phone caption. */
const NO_DATA: Record<PanelId, string> = {
  price: 'no price bars in this range',
  short_volume: 'no FINRA short volume in this range',
  short_interest: 'no short-interest report in this range',
  score: 'no stored scores in this range',
  off_exchange: 'no off-exchange figures',
  borrow: 'no borrow data',
  fails: 'no fails-to-deliver data',
};

export function buildTickerChartModel(data: TickerChartData): ChartModel {
  const dates = tradingDaysBetween(addCalendarDays(rangeStart(data.asOf, data.range), 1), data.asOf);
  const indexOf = new Map(dates.map((d, i) => [d, i]));
  const bars = data.bars.filter((b) => b.date <= data.asOf);
  const barAt: (OhlcvBar | null)[] = dates.map(() => null);
  for (const b of bars) {
    const i = indexOf.get(b.date);
    if (i !== undefined) barAt[i] = b;
  }
  const avg = sma(
    Float64Array.from(bars, (b) => (Number.isFinite(b.volume) ? b.volume : NaN)),
    20,
  );
  const adv20ByDate = new Map<string, number>();
  bars.forEach((b, i) => {
    if (Number.isFinite(avg[i]!)) adv20ByDate.set(b.date, avg[i]!);
  });
  const ctx: AxisContext = { data, dates, indexOf, barAt, adv20ByDate };

  // a panel without data is left out and named in one line, never drawn as an empty box (price stays:
  // a chart without bars says so in its own box)
  const built: [PanelId, Panel | null][] = [
    ['price', pricePanel(ctx)],
    ['short_volume', shortVolumePanel(ctx)],
    ['short_interest', shortInterestPanel(ctx)],
    ['score', scorePanel(ctx)],
    ['off_exchange', offExchangePanel(ctx)],
    // borrow only where IBKR snapshots are held, fails only where SEC files of the symbol are: most stores
    // hold neither
    ['borrow', borrowPanel(ctx)],
    ['fails', failsPanel(ctx)],
  ];
  const panels: Panel[] = [];
  const leftOut: LeftOut[] = [];
  for (const [id, p] of built) {
    if (p && (!p.empty || id === 'price')) panels.push(p);
    else leftOut.push({ id, reason: NO_DATA[id] });
  }
  const line = leftOutLine(leftOut);
  const notes = line ? [line] : [];
  const first = dates[0] ?? data.asOf;
  return {
    title: `${data.symbol}${data.name ? ` — ${data.name}` : ''}`,
    subtitle: `daily, ${data.range} to ${data.asOf} (${first} – ${data.asOf}, ${dates.length} sessions) · squeezebot`,
    dates,
    panels,
    notes,
    leftOut,
  };
}
