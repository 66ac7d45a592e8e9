import type { Repos } from '../db/repos';
import type { FailsRow } from '../domain/short-supply';
import { addCalendarDays } from '../market/iso-date';
import { computeFailsMetrics, type FailsReading } from '../signals/fails-metrics';
import { settlementAdv } from '../signals/days-to-cover';

// /ftd's view: a symbol's fails-to-deliver by settlement day from the SEC files published by asOf, with
// the price the SEC prints (the previous close), the dollar value, the share of float and of the 20-day
// volume on that day, and the metrics the score reads. The model is pure; `failsView` reads the store.

/** Settlement days shown (the newest first): a half-month file's worth. */
export const FAILS_VIEW_DAYS = 10;
/** Calendar days read back from asOf: the 2-3 week lag plus the 20 settlement days the metrics count. */
const LOOKBACK_CALENDAR_DAYS = 90;

export interface FailsViewDay {
  settlementDate: string;
  quantity: number;
  price: number | null;
  /** quantity × price, null without a price */
  value: number | null;
  shareOfFloat: number | null;
  /** quantity / the 20-session average volume up to that day */
  shareOfAdv: number | null;
  file: string;
  publishedOn: string;
}

export interface FailsView {
  days: FailsViewDay[];
  reading: FailsReading | null;
}

export function failsViewModel(
  rows: readonly FailsRow[],
  floatShares: number | null,
  volumes: ReadonlyMap<string, number>,
  asOf: string,
  limit = FAILS_VIEW_DAYS,
): FailsView {
  const byDay = new Map<string, FailsViewDay>();
  for (const r of rows) {
    const d = byDay.get(r.settlementDate);
    if (d) {
      d.quantity += r.quantity;
      d.value = d.value !== null && r.price !== null ? d.value + r.quantity * r.price : null;
      continue;
    }
    byDay.set(r.settlementDate, {
      settlementDate: r.settlementDate,
      quantity: r.quantity,
      price: r.price,
      value: r.price === null ? null : r.quantity * r.price,
      shareOfFloat: null,
      shareOfAdv: null,
      file: r.file,
      publishedOn: r.publishedOn,
    });
  }
  const days = [...byDay.values()].sort((a, b) => b.settlementDate.localeCompare(a.settlementDate)).slice(0, limit);
  for (const d of days) {
    d.shareOfFloat = floatShares && floatShares > 0 ? d.quantity / floatShares : null;
    const adv = settlementAdv(volumes, d.settlementDate);
    d.shareOfAdv = adv && adv > 0 ? d.quantity / adv : null;
  }
  const newest = days[0];
  const ctx = { floatShares, adv20: newest ? settlementAdv(volumes, newest.settlementDate) : null };
  return { days, reading: computeFailsMetrics(rows, ctx, asOf) };
}

export function failsView(repos: Repos, symbol: string, asOf: string): FailsView {
  const from = addCalendarDays(asOf, -LOOKBACK_CALENDAR_DAYS);
  const rows = repos.fails.rows(symbol, from, asOf, asOf);
  const volumes = new Map(
    repos.shortData.volumes(symbol, addCalendarDays(from, -45), asOf).map((v) => [v.date, v.volume] as const),
  );
  return failsViewModel(rows, repos.chatReads.symbolInfo(symbol)?.floatShares ?? null, volumes, asOf);
}
