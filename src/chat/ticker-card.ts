import { missingInputsLine, topContributors } from '../signals/scoring/hybrid-score';
import { standingText } from './run-standing';
import { fmtChange, fmtCount, fmtNum, fmtPct, fmtPrice, fmtVolumeLine } from '../present/format';
import { bold, escapeHtml, preFields } from '../present/html';
import type { TickerSnapshot } from '../pipeline/ticker-snapshot';
import { SEVERITY_ICON } from '../present/levels';
import { levelNotesText } from '../present/labels/level-conditions';
import { borrowCardLine } from '../reports/borrow-text';
import { failsCardText, optionsFields, thresholdText } from '../reports/supply-text';

// /ticker's text card. Every figure says where it stands against what traders watch; a missing
// figure is a dash and the flags at the bottom say why.

export function tickerCard(s: TickerSnapshot): string {
  const m = s.metrics;
  const v = m.volume;
  const si = m.shortInterest;
  const sv = m.shortVolume;
  const off = m.offExchange;
  const change = s.close !== null && s.prevClose ? s.close / s.prevClose - 1 : null;
  const title = `${bold(s.symbol)}${s.info?.name ? ` · ${escapeHtml(s.info.name)}` : ''}`;
  const when = s.barDate && s.barDate !== s.day ? `${s.day} (last bar ${s.barDate})` : s.day;

  const market: [string, string][] = [
    ['Price', `${fmtPrice(s.close)}  ${fmtChange(change)}`],
    ['Volume', fmtVolumeLine(v)],
    ['RSI 14', fmtNum(v?.rsi14, 1)],
    ['Momentum', fmtChange(v?.momentum)],
  ];
  const short: [string, string][] = si
    ? [
        ['Short int.', `${fmtCount(si.sharesShort)} sh  ${fmtPct(si.percentOfFloat)} of float`],
        ['Days to cover', fmtNum(si.daysToCover, 1)],
        ['Report', `settled ${si.settlementDate}, published ${si.ageDays} d ago, change ${fmtChange(si.changePct)}`],
        ['Quality', si.quality === null ? '—' : fmtNum(si.quality)],
      ]
    : [['Short int.', 'no FINRA report published by this day']];
  if (sv) short.push(['Short ratio', `${fmtPct(sv.shortRatio)}  z ${fmtNum(sv.shortRatioZ60)} (${sv.date})`]);
  if (off?.otcParticipation != null)
    short.push(['OTC share', `${fmtPct(off.otcParticipation)} (week of ${off.otcWeek ?? '—'}, ${off.otcFlag})`]);

  // the supply side (issue 12): threshold lists and options, when held
  const supply = m.supply;
  if (supply?.borrow) short.push(['Borrow', borrowCardLine(supply.borrow, m.flags)]);
  if (supply?.threshold) short.push(['Reg SHO', thresholdText(supply.threshold, m.flags)]);
  if (supply?.fails) short.push(['FTD', failsCardText(supply.fails, m.flags)]);
  const options = supply?.options ? optionsFields(supply.options) : [];

  const sc = s.score;
  const scoreLines: [string, string][] = [
    ['Score', `${fmtNum(sc.score)}  fuel ${fmtNum(sc.fuel)}  trigger ${fmtNum(sc.trigger)}`],
    ['Level', sc.level ? `${SEVERITY_ICON[sc.level] ?? ''} ${sc.level.toUpperCase()}` : 'below alerting'],
  ];
  const contributors = topContributors(sc);
  const standing = standingText(s.standing);

  const out = [
    `${title} — ${escapeHtml(when)}`,
    preFields(market),
    bold('Short side'),
    preFields(short),
    ...(options.length ? [bold('Options'), preFields(options)] : []),
    bold('Squeeze score') +
      (s.standing.kind === 'scored'
        ? ` (run ${escapeHtml(s.standing.run.id)})`
        : ' (computed now: no run scored it this day)'),
    ...(standing ? [escapeHtml(standing)] : []),
    preFields(scoreLines),
  ];
  // right under the level: what the next level up needs, then the conditions skipped
  if (sc.levelNotes.length) out.push(`Level notes: ${escapeHtml(levelNotesText(sc.levelNotes).join('; '))}`);
  if (contributors.length) out.push(`Top contributors:\n${contributors.map((c) => `• ${escapeHtml(c)}`).join('\n')}`);
  const missing = missingInputsLine(sc);
  if (missing) out.push(escapeHtml(missing));
  if (m.flags.length) out.push(`⚠️ ${m.flags.map((f) => escapeHtml(f.message)).join('\n⚠️ ')}`);
  return out.join('\n');
}
