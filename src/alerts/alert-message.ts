import type { ButtonRows } from '../present/buttons';
import { fmtChange, fmtInstant, fmtNum, fmtPct, fmtPrice, fmtVolumeLine } from '../present/format';
import { escapeHtml, htmlToText } from '../present/html';
import { joinOrBreak, wrapHtml } from '../present/phone-width';
import type { ScoreComponent, SymbolMetrics } from '../signals/metric-types';
import { drivers } from '../signals/scoring/hybrid-score';
import { SEVERITY_ICON } from '../present/levels';
import { levelNoteText } from '../present/labels/level-conditions';
import { inputBasisLabel, scoreInputLabel } from '../present/labels/score-inputs';

// The words of an alert, written for a trader reading a phone: what, how strong, why, and the few
// numbers that matter. Telegram HTML with every value escaped; email and the console reuse it.

export type SqueezeLevel = 'low' | 'medium' | 'high';
export type SystemSeverity = 'info' | 'warning' | 'critical' | 'emergency';

const SEVERITY_MARK: Record<SystemSeverity, string> = { emergency: '🚨', critical: '❗', warning: '⚠️', info: 'ℹ️' };

export interface SqueezeAlertView {
  id: number;
  symbol: string;
  level: SqueezeLevel;
  score: number;
  fuel: number | null;
  trigger: number | null;
  rank: number | null;
  asOf: string;
  components: ScoreComponent[];
  levelNotes: string[];
  metrics: SymbolMetrics | null;
  /** 'escalation' when it rose from a lower level inside that level's cooldown */
  reason: string;
}

// Laid out for a phone bubble (~36 columns): one fact a line, long lines wrapped at words, no tables.

function driverLines(components: ScoreComponent[], n = 3): string[] {
  return drivers(components, n).map((c) =>
    wrapHtml(
      `• ${scoreInputLabel(c.name)}${c.basis ? ` (${inputBasisLabel(c.basis)})` : ''} +${fmtNum(c.contribution)}`,
      '  ',
    ),
  );
}

function keyMetrics(m: SymbolMetrics | null): string[] {
  if (!m) return [];
  const fields: string[] = [];
  if (m.volume) {
    fields.push(`Close ${fmtPrice(m.volume.close)} · ${fmtChange(m.volume.momentum)} momentum`);
    fields.push(`Volume ${fmtVolumeLine(m.volume)}`);
    if (m.volume.rsi14 != null) fields.push(`RSI 14 ${fmtNum(m.volume.rsi14, 0)}`);
  }
  if (m.shortInterest) {
    const si = m.shortInterest;
    fields.push(
      `Short interest ${fmtPct(si.percentOfFloat)} of float · DTC ${fmtNum(si.daysToCover, 1)} (${si.settlementDate})`,
    );
  }
  if (m.shortVolume)
    fields.push(`Short volume ${fmtPct(m.shortVolume.shortRatio)} · z ${fmtNum(m.shortVolume.shortRatioZ60, 1)}`);
  if (m.transient.sentiment24h != null) fields.push(`Sentiment ${fmtNum(m.transient.sentiment24h)}`);
  return fields.map((f) => wrapHtml(f, '  '));
}

export function squeezeAlertHtml(a: SqueezeAlertView): string {
  const lines = [
    joinOrBreak(
      `${SEVERITY_ICON[a.level]} <b>${escapeHtml(a.symbol)}</b>`,
      `${escapeHtml(a.level.toUpperCase())} squeeze set-up`,
      ' — ',
      '',
    ),
  ];
  if (a.reason === 'escalation') lines.push('(escalated from a lower level)');
  lines.push(`Score <b>${fmtNum(a.score)}</b>${a.rank ? ` · rank #${a.rank}` : ''}`);
  lines.push(`fuel ${fmtNum(a.fuel)} · trigger ${fmtNum(a.trigger)}`);
  const driven = driverLines(a.components);
  if (driven.length) lines.push('Drivers:', ...driven);
  lines.push(...keyMetrics(a.metrics));
  if (a.levelNotes.length) lines.push(`<i>${wrapHtml(a.levelNotes.map(levelNoteText).join('; '))}</i>`);
  lines.push(`<i>as of ${escapeHtml(a.asOf)} · alert #${a.id}</i>`);
  return lines.join('\n');
}

export function squeezeAlertTitle(a: { symbol: string; level: string; score: number }): string {
  return `${a.level.toUpperCase()} ${a.symbol} score ${fmtNum(a.score)}`;
}

export function systemAlertHtml(a: {
  id: number;
  severity: SystemSeverity;
  title: string;
  body: string;
  actions: string[];
  at: string;
  /** the reader's time zone */
  zone: string;
}): string {
  const lines = [
    `${SEVERITY_MARK[a.severity]} <b>${escapeHtml(a.severity.toUpperCase())}</b>`,
    `<b>${wrapHtml(a.title)}</b>`,
    wrapHtml(a.body),
  ];
  if (a.actions.length) lines.push(`Recommended:\n${a.actions.map((x) => wrapHtml(`• ${x}`, '  ')).join('\n')}`);
  lines.push(`<i>${escapeHtml(fmtInstant(a.at, a.zone))} · alert #${a.id}</i>`);
  return lines.join('\n');
}

export function squeezeButtons(id: number, symbol: string): ButtonRows {
  return [
    [
      { text: '✅ Acknowledge', data: `ack:${id}` },
      { text: '🔕 Mute 1d', data: `mute:${symbol}:1d` },
      { text: '📈 Chart', data: `chart:${symbol}` },
    ],
    [
      { text: '👍 Useful', data: `fb:${id}:1` },
      { text: '👎 Not useful', data: `fb:${id}:0` },
    ],
  ];
}

export function systemButtons(id: number): ButtonRows {
  return [[{ text: '✅ Acknowledge', data: `ack:${id}` }]];
}

/** The alert as it reads once acknowledged: the buttons go, a line says who and when (in `zone`). */
export function acknowledgedHtml(body: string, by: string, at: string, zone: string): string {
  return `${body}\n\n✅ <b>Acknowledged</b> by ${escapeHtml(by)}\nat ${escapeHtml(fmtInstant(at, zone))}`;
}

/** An email version of a chat message: the same words in a small HTML page, and a text part. */
export function emailOf(subject: string, html: string): { subject: string; html: string; text: string } {
  const body = html
    .replace(/\n/g, '<br>\n')
    .replace(/<pre>([\s\S]*?)<\/pre>/g, (_m, pre: string) => `<pre>${pre.replace(/<br>\n/g, '\n')}</pre>`);
  return {
    subject: `[squeezebot] ${subject}`,
    html: `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">${body}</body></html>`,
    text: htmlToText(html),
  };
}
