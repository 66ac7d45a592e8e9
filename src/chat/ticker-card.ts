import { missingInputsLine, topContributors } from '../signals/scoring/hybrid-score';
import { standingText } from './run-standing';
import { fmtChange, fmtCount, fmtNum, fmtPct, fmtPrice, fmtVolumeLine } from '../present/format';
import { bold, escapeHtml } from '../present/html';
import type { TickerSnapshot } from '../pipeline/ticker-snapshot';
import { SEVERITY_ICON } from '../present/levels';
import { levelNotesText } from '../present/labels/level-conditions';
import { commandButton, inPlaceButton, type ButtonRows } from '../present/buttons';
import { fitPhone } from '../present/phone-width';
import type { Role } from './chat-context';
import { roleAtLeast } from './user-auth';
import { borrowCardLine } from '../reports/borrow-text';
import { failsCardText, optionsFields, thresholdText } from '../reports/supply-text';

// /ticker's text card, in lines a phone bubble shows whole (~36 characters): a label and its value,
// longer values wrapped under it. Every figure says where it stands against what traders watch; a
// missing figure is a dash and the flags at the bottom say why.

const field = (label: string, value: string): string => `${escapeHtml(label)} ${escapeHtml(value)}`;

export function tickerCard(s: TickerSnapshot): string {
  const m = s.metrics;
  const v = m.volume;
  const si = m.shortInterest;
  const sv = m.shortVolume;
  const off = m.offExchange;
  const change = s.close !== null && s.prevClose ? s.close / s.prevClose - 1 : null;
  const when = s.barDate && s.barDate !== s.day ? `${s.day} (last bar ${s.barDate})` : s.day;

  const market = [
    field('Price', `${fmtPrice(s.close)} ${fmtChange(change)}`),
    field('Volume', fmtVolumeLine(v).replace(/\s+/g, ' ')),
    field('RSI 14', `${fmtNum(v?.rsi14, 1)} · momentum ${fmtChange(v?.momentum)}`),
  ];
  const short = si
    ? [
        field('Short int.', `${fmtCount(si.sharesShort)} sh · ${fmtPct(si.percentOfFloat)} of float`),
        field('Days to cover', fmtNum(si.daysToCover, 1)),
        field('Settled', `${si.settlementDate}, published ${si.ageDays} d ago`),
        field('Change', `${fmtChange(si.changePct)} · quality ${si.quality === null ? '—' : fmtNum(si.quality)}`),
      ]
    : [field('Short int.', 'no FINRA report published by this day')];
  if (sv) short.push(field('Short ratio', `${fmtPct(sv.shortRatio)} · z ${fmtNum(sv.shortRatioZ60)} (${sv.date})`));
  if (off?.otcParticipation != null)
    short.push(field('OTC share', `${fmtPct(off.otcParticipation)} (week of ${off.otcWeek ?? '—'}, ${off.otcFlag})`));

  // the supply side (issue 12): threshold lists and options, when held
  const supply = m.supply;
  if (supply?.borrow) short.push(field('Borrow', borrowCardLine(supply.borrow, m.flags)));
  if (supply?.threshold) short.push(field('Reg SHO', thresholdText(supply.threshold, m.flags)));
  if (supply?.fails) short.push(field('FTD', failsCardText(supply.fails, m.flags)));
  const options = supply?.options ? optionsFields(supply.options).map(([l, val]) => field(l, val)) : [];

  const sc = s.score;
  const level = sc.level ? `${SEVERITY_ICON[sc.level] ?? ''} ${sc.level.toUpperCase()}` : 'below alerting';
  const contributors = topContributors(sc);
  const standing = standingText(s.standing);

  const out = [
    bold(s.symbol) + (s.info?.name ? ` · ${escapeHtml(s.info.name)}` : ''),
    escapeHtml(when),
    ...market,
    '',
    bold('Short side'),
    ...short,
    ...(options.length ? ['', bold('Options'), ...options] : []),
    '',
    `${bold('Score')} ${fmtNum(sc.score)} · ${escapeHtml(level)}`,
    `fuel ${fmtNum(sc.fuel)} · trigger ${fmtNum(sc.trigger)}`,
    s.standing.kind === 'scored' ? `run ${escapeHtml(s.standing.run.id)}` : 'computed now: no run scored it this day',
    ...(standing ? [escapeHtml(standing)] : []),
  ];
  // right under the level: what the next level up needs, then the conditions skipped
  if (sc.levelNotes.length)
    out.push(bold('Level notes'), ...levelNotesText(sc.levelNotes).map((n) => `• ${escapeHtml(n)}`));
  if (contributors.length) out.push(bold('Top contributors'), ...contributors.map((c) => `• ${escapeHtml(c)}`));
  const missing = missingInputsLine(sc);
  if (missing) out.push(escapeHtml(missing));
  if (m.flags.length) out.push(...m.flags.map((f) => `⚠️ ${escapeHtml(f.message)}`));
  return fitPhone(out.join('\n'));
}

/**
 * What a trader does next from a card: the chart, the reasons, the short data, watching and muting
 * it (for those who may), and the card again with fresh figures in place.
 */
export function tickerCardButtons(symbol: string, who: { role: Role; watched: boolean }): ButtonRows {
  const rows: ButtonRows = [
    [commandButton('📈 Chart', `/chart ${symbol}`), commandButton('❓ Why', `/why ${symbol}`)],
    [commandButton('📉 Short interest', `/si ${symbol}`), commandButton('🏦 Borrow', `/borrow ${symbol}`)],
  ];
  const trader = roleAtLeast(who.role, 'trader');
  const last = trader
    ? [
        who.watched ? commandButton('👁 Unwatch', `/remove ${symbol}`) : commandButton('👁 Watch', `/add ${symbol}`),
        commandButton('🔕 Mute 1d', `/mute ${symbol} 1d`),
      ]
    : [];
  rows.push([...last, inPlaceButton('🔄 Refresh', `/ticker ${symbol} card`)]);
  return rows;
}

/** The "◀ Card" button under a ticker's detail views (/why, /si, /borrow…): back to its card. */
export function backToCard(symbol: string): ButtonRows {
  return [[commandButton('◀ Card', `/ticker ${symbol}`)]];
}
