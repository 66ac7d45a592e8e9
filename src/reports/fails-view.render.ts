import { fmtCount, fmtPct, fmtPrice } from '../present/format';
import { bold, escapeHtml, italic, preTable } from '../present/html';
import type { FailsView } from './fails-view';
import { ofAdv } from './supply-text';

// /ftd as chat text (Telegram HTML, a <pre> table narrow enough for a phone). It says what the figure is
// not: a fails balance is not a short position, and the newest file is weeks old.

const short = (date: string): string => date.slice(2);
const money = (x: number | null): string => (x === null ? '—' : `$${fmtCount(x)}`);

export function failsViewText(symbol: string, asOf: string, view: FailsView): string {
  if (!view.days.length || !view.reading) {
    return `No SEC fails-to-deliver for ${bold(symbol)} in the files published by ${escapeHtml(asOf)} (a name absent from a file had no fails balance).`;
  }
  const { metrics: m, truncated } = view.reading;
  const newest = view.days[0]!;
  const table = preTable(
    ['settled', 'shares', 'price', 'value', 'float', 'ADV20'],
    view.days.map((d) => [
      short(d.settlementDate),
      fmtCount(d.quantity),
      fmtPrice(d.price),
      money(d.value),
      fmtPct(d.shareOfFloat),
      // a decimal below 10%: a balance of 0.2% of the day's volume is not "0%"
      d.shareOfAdv === null ? '—' : fmtPct(d.shareOfAdv, d.shareOfAdv < 0.1 ? 1 : 0),
    ]),
    { alignRight: [false, true, true, true, true, true] },
  );
  const lines = [
    `${bold(`${symbol} fails to deliver`)} — SEC, by settlement day, files published by ${escapeHtml(asOf)}`,
    table,
    `Persistence: ${truncated ? 'at least ' : ''}${m.persistenceDays} settlement day${m.persistenceDays === 1 ? '' : 's'} running to ${escapeHtml(m.settlementDate)}; fails on ${m.daysWithFails20} of the last 20.`,
    m.shareOfAdv === null ? null : `Newest balance: ${escapeHtml(ofAdv(m.shareOfAdv))}.`,
    m.closeOutDates.length
      ? `T+35 close-outs ahead (Rule 204(a)(2)): ${escapeHtml(m.closeOutDates.slice(0, 5).join(', '))}${m.closeOutDates.length > 5 ? ` and ${m.closeOutDates.length - 5} more` : ''}.`
      : 'No T+35 close-out of these fails is still ahead.',
    `File ${escapeHtml(newest.file)}, published ${escapeHtml(newest.publishedOn)}.`,
    italic(
      'price: the previous close as the SEC prints it. A balance outstanding that day, not a short position; a day missing from a file is a zero balance. The SEC publishes each half month 2-3 weeks after it ends.',
    ),
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}
