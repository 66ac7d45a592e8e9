import type { Config } from '../config/schema';
import { fmtChange, fmtNum, fmtPct, fmtPrice } from '../present/format';
import { bold, code, escapeHtml } from '../present/html';
import { fitPhone } from '../present/phone-width';
import type { Window } from './learning-reads';
import type { MissedRow } from './missed-patterns';
import type { GroupStats, PerformanceModel, TrackedRow } from './performance.model';
import type { LevelSuggestion, PairResult } from './threshold-suggest';
import { reasonLabel, stageLabel } from '../present/labels/reasons';
import { LEVEL_LABEL } from '../present/labels/level-conditions';

// The chat text of /performance, /missed and /suggest (Telegram HTML; every value escaped). Each reply
// names its origin in the title and points at the other one: live and backtest are never mixed.

function head(title: string, w: Window): string {
  const replay = w.origin === 'backtest' ? `\n${escapeHtml('(replayed history)')}` : '';
  return `${bold(`${title} — ${w.origin}`)}${replay}\n${escapeHtml(`${w.from}..${w.to}`)}\n${escapeHtml(`(${w.days} days up to the newest record)`)}`;
}

function other(w: Window, command: string): string {
  if (w.otherCount === 0) return '';
  const o = w.origin === 'live' ? 'backtest' : 'live';
  return `\n${escapeHtml(`${o === 'backtest' ? 'Backtest' : 'Live'} figures are kept apart: /${command} ${o} (${w.otherCount.toLocaleString('en-US')} recommendations).`)}`;
}

function empty(what: string, w: Window, command: string): string {
  const hint =
    w.origin === 'live'
      ? ` Live runs record them from the next scan; ${code('squeezebot backtest')} records replayed history.`
      : ` ${code('squeezebot backtest --from D --to D')} records them.`;
  return fitPhone(
    `${head(what, w)}\n${escapeHtml(`No ${w.origin} recommendations tracked in this window.`)}${hint}${other(w, command)}`,
  );
}

/** A group (alert level or score band) as a three-line card: name, count, rates; then the average returns. */
const groupCard = (g: GroupStats) =>
  [
    `${bold(g.label)} · ${g.n} · ${fmtPct(g.successRate, 0)} won · ${fmtPct(g.failureRate, 0)} lost`,
    `   1d ${fmtChange(g.avg1d)} · 7d ${fmtChange(g.avg7d)}`,
    `   30d ${fmtChange(g.avg30d)} · peak ${fmtChange(g.avgPeak)}`,
  ].join('\n');
const fb = (r: TrackedRow) => (r.feedback === 1 ? 'useful' : r.feedback === 0 ? 'not useful' : '');
const lvl = (r: TrackedRow) => (r.reason === 'alert' ? (r.level ?? 'alert') : 'ranked');

export function performanceText(w: Window, m: PerformanceModel, config: Config): string {
  if (m.total === 0) return empty('Performance', w, 'performance');
  const l = config.learning;
  const parts = [
    head('Performance', w),
    escapeHtml(
      `${m.total} tracked: ${m.alerts} alerts, ${m.ranked} top-ranked only; ${m.measured} with closes after discovery. Success: a close ≥ ${fmtChange(l.success_return, 0)} before one ≤ ${fmtChange(l.failure_return, 0)}; failure the reverse.`,
    ),
    `${bold('By alert level')} (n · won · lost, avg)\n${m.byLevel.map(groupCard).join('\n')}`,
    `${bold('By score')}\n${m.byScore.map(groupCard).join('\n')}`,
  ];
  if (m.outcomes.length)
    parts.push(escapeHtml(`Outcomes: ${m.outcomes.map((o) => `${o.category} ${o.n}`).join(' · ')}`));
  const call = (r: TrackedRow, figures: string) =>
    [
      `${bold(r.symbol)} ${escapeHtml(r.asOf)} ${escapeHtml(lvl(r))}`,
      `   ${escapeHtml(figures)}`,
      ...(r.outcome || fb(r) ? [`   ${escapeHtml([r.outcome, fb(r)].filter(Boolean).join(' · '))}`] : []),
    ].join('\n');
  if (m.best.length) {
    parts.push(
      `${bold('Best calls')} (peak close)\n${m.best
        .map((r) => call(r, `peak ${fmtChange(r.peakReturn)}${r.daysToPeak === null ? '' : ` in ${r.daysToPeak} d`}`))
        .join('\n')}`,
    );
  }
  if (m.worst.length) {
    parts.push(
      `${bold('Worst calls')} (latest close)\n${m.worst
        .map((r) => call(r, `latest ${fmtChange(r.lastReturn)} · peak ${fmtChange(r.peakReturn)}`))
        .join('\n')}`,
    );
  }
  if (m.feedback.length && w.origin === 'live') {
    parts.push(
      `${bold('Alert feedback')}\n(Useful / Not useful buttons)\n${m.feedback
        .map(
          (f) =>
            `${escapeHtml(f.label)}: ${f.n} alerts\n   ${fmtPct(f.successRate, 0)} won · peak ${fmtChange(f.avgPeak)}`,
        )
        .join('\n')}`,
    );
  }
  return fitPhone(parts.join('\n\n') + other(w, 'performance'));
}

const cutValue = (r: MissedRow) =>
  r.value === null ? '—' : r.threshold === null ? fmtNum(r.value) : `${fmtNum(r.value)} vs ${fmtNum(r.threshold)}`;

/** A row is one name on one day: a name cut on several days is still one name. */
function namesOf(rows: readonly MissedRow[]): string {
  const names = new Set(rows.map((r) => r.symbol)).size;
  const noun = names === 1 ? 'name' : 'names';
  return names === rows.length ? `${names} ${noun}` : `${names} ${noun} (on ${rows.length} passed-over days)`;
}

export function missedText(
  w: Window,
  rows: readonly MissedRow[],
  patterns: readonly string[],
  config: Config,
  limit = 15,
): string {
  const min = fmtChange(config.learning.missed_min_return, 0);
  if (rows.length === 0) {
    return fitPhone(
      `${head('Missed opportunities', w)}\n${escapeHtml(`No name cut or scored below alerting rose ${min} or more within 30 sessions in this window.`)}${other(w, 'missed')}`,
    );
  }
  const shown = rows.slice(0, limit);
  const avgPeak = rows.reduce((a, r) => a + r.peakReturn, 0) / rows.length;
  const avgDays = rows.reduce((a, r) => a + r.daysToPeak, 0) / rows.length;
  // one card per missed name: where it was cut and by what, then how far it rose
  const table = shown
    .map((r) =>
      [
        `${bold(r.symbol)} ${escapeHtml(r.asOf)} ${escapeHtml(fmtPrice(r.price))}`,
        `   cut at ${escapeHtml(stageLabel(r.stage))}`,
        `   ${escapeHtml(reasonLabel(r.criterion))} ${escapeHtml(cutValue(r))}`,
        `   peak ${escapeHtml(fmtChange(r.peakReturn, 0))} in ${r.daysToPeak} sessions`,
      ].join('\n'),
    )
    .join('\n');
  const more = rows.length > limit ? `\n${escapeHtml(`… and ${rows.length - limit} more (largest peaks shown).`)}` : '';
  const lines = [
    head('Missed opportunities', w),
    escapeHtml(
      `${namesOf(rows)} the pipeline cut or scored below alerting rose ${min} or more within 30 sessions: average peak ${fmtChange(avgPeak, 0)} after ${avgDays.toFixed(1)} sessions.`,
    ),
    table + more,
  ];
  if (patterns.length) lines.push(`${bold('Patterns')}\n${patterns.map((p) => `• ${escapeHtml(p)}`).join('\n')}`);
  return fitPhone(lines.join('\n\n') + other(w, 'missed'));
}

const pair = (p: PairResult) =>
  `score ≥ ${fmtNum(p.squeezeScore)}, spike ≥ ${p.minVolumeSpike}× → passes ${p.passed}, success ${p.rate === null ? '—' : fmtPct(p.rate, 0)} (95% lower bound ${fmtPct(p.lowerBound, 0)})`;

export function suggestText(
  w: Window,
  measured: number,
  suggestions: readonly LevelSuggestion[],
  config: Config,
): string {
  if (measured === 0) return empty('Threshold suggestions', w, 'suggest');
  const l = config.learning;
  const parts = [
    head('Threshold suggestions', w),
    escapeHtml(
      `From ${measured} tracked recommendations with outcomes (success: ${fmtChange(l.success_return, 0)} before ${fmtChange(l.failure_return, 0)}). Each pair is judged on what it would have passed; at least ${l.suggest_min_count} must pass. Names never alerted nor ranked cannot be judged.`,
    ),
  ];
  for (const s of suggestions) {
    const lines = [`${bold(`${LEVEL_LABEL[s.level] ?? s.level} level`)}: now ${escapeHtml(pair(s.current))}`];
    if (s.commands.length && s.best) {
      lines.push(`  better: ${escapeHtml(pair(s.best))}`);
      lines.push(`  to apply (admin): ${s.commands.map((c) => `<code>${escapeHtml(c)}</code>`).join(' and ')}`);
    } else
      lines.push(
        escapeHtml(
          s.best
            ? '  no pair on the grid does clearly better: keep it'
            : `  too few outcomes to judge (fewer than ${l.suggest_min_count} pass any pair)`,
        ),
      );
    parts.push(lines.join('\n'));
  }
  parts.push(escapeHtml('Nothing changes until an admin uses /set; /reset KEY undoes it.'));
  return fitPhone(parts.join('\n\n') + other(w, 'suggest'), undefined, '  ');
}
