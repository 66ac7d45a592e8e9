import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { AlertRange } from '../db/repos/report-reads.repo';
import { addCalendarDays, mondayOf } from '../market/iso-date';
import { marketDateAt } from '../market/market-time';
import { asOfDate, judgedAt as judgedAtAsOf, marketDayStart } from '../market/as-of';
import { firstTradingDayOnOrAfter, lastTradingDayOnOrBefore } from '../market/trading-calendar';
import { freshnessAsOf } from '../monitoring/freshness-as-of';
import { buildDailyReport, type DailyReport } from './daily-report.model';
import type { Config } from '../config/schema';
import { stats } from '../learning/performance.model';
import { checkpointUpdates } from '../learning/checkpoint-update';
import { buildWeeklyReport, type AlertPerformanceRow, type WeeklyReport } from './weekly-report.model';

// Reads what a report needs from the store and hands it to the pure models. The only place that
// decides which day a report is about: the last session on or before the day asked for (today in
// New York by default), judged at `now` — or at the end of that day for a past one, so a report
// rebuilt later reads freshness as it stood then.

export { marketDayStart };

/** The session a report is about: the last trading day on or before `asked` (default: today in New York). */
export function reportDay(now: Date, asked?: string): string {
  return lastTradingDayOnOrBefore(asked ?? marketDateAt(now));
}

/**
 * The day a report is about. Asked for a day: that session, scored or not (the report says so).
 * Not asked: the newest scored session up to today, so a morning /report shows last night's run
 * rather than an empty today.
 */
function resolveDay(reads: Repos['reportReads'], now: Date, asked?: string): string {
  const day = reportDay(now, asked);
  if (asked !== undefined) return day;
  return reads.scoredDayBefore(addCalendarDays(day, 1)) ?? day;
}

/** `now`, or the end of `day` when day is in the past. */
export function judgedAt(day: string, now: Date): Date {
  return judgedAtAsOf(asOfDate(day), now);
}

function alertRange(from: string, to: string): AlertRange {
  return {
    from,
    to,
    fromInstant: marketDayStart(from).toISOString(),
    toInstant: marketDayStart(addCalendarDays(to, 1)).toISOString(),
  };
}

export interface ReportDeps {
  repos: Repos;
  settings: Settings;
}

export function gatherDailyReport(deps: ReportDeps, now: Date, asked?: string): DailyReport {
  const reads = deps.repos.reportReads;
  const status = deps.repos.datasetStatus;
  const asOf = resolveDay(reads, now, asked);
  const day = asOfDate(asOf);
  const at = judgedAtAsOf(day, now);
  const previousDay = reads.scoredDayBefore(asOf);
  const run = reads.runOfDay(asOf);
  return buildDailyReport({
    asOf,
    generatedAt: at.toISOString(),
    today: reads.scoresOn(asOf),
    previousDay,
    previous: previousDay ? reads.scoresOn(previousDay) : [],
    alerts: reads.alerts(alertRange(asOf, asOf)),
    funnel: run ? { run, stages: reads.stages(run.id) } : null,
    freshness: freshnessAsOf(status, day, now),
    topN: deps.settings.current().reporting.daily_report.top_scores,
  });
}

export function gatherWeeklyReport(deps: ReportDeps, now: Date, asked?: string): WeeklyReport {
  const reads = deps.repos.reportReads;
  const asOf = resolveDay(reads, now, asked);
  // the calendar week of asOf (a holiday Monday starts it on Tuesday), against the newest scored day
  // on or before the same weekday a week earlier
  const weekStart = firstTradingDayOnOrAfter(mondayOf(asOf));
  const weekAgoDay = reads.scoredDayBefore(addCalendarDays(asOf, -6));
  return buildWeeklyReport({
    asOf,
    weekStart,
    generatedAt: judgedAtAsOf(asOfDate(asOf), now).toISOString(),
    today: reads.scoresOn(asOf),
    weekAgoDay,
    weekAgo: weekAgoDay ? reads.scoresOn(weekAgoDay) : [],
    alertCounts: reads.alertCounts(alertRange(weekStart, asOf)),
    performance: alertPerformance(deps.repos, weekStart, asOf, deps.settings.current().learning),
    topN: deps.settings.current().reporting.weekly_summary.top_candidates,
  });
}

/**
 * Live squeeze alerts of the four weeks before `weekStart`, by level, with what followed them as known
 * at the close of `asOf`: the tracker's stored outcomes are measured up to today, so a past week's
 * report recomputes them from the closes up to `asOf` (the same checkpointUpdates the tracker runs) —
 * never a return or a peak from after the day. Null without any.
 */
function alertPerformance(
  repos: Repos,
  weekStart: string,
  asOf: string,
  thresholds: Config['learning'],
): AlertPerformanceRow[] | null {
  const stored = repos.learning
    .tracked('live', addCalendarDays(weekStart, -28), addCalendarDays(weekStart, -1))
    .filter((r) => r.reason === 'alert' && r.asOf <= asOf);
  if (!stored.length) return null;
  const since = stored.reduce((m, r) => (r.asOf < m ? r.asOf : m), stored[0]!.asOf);
  const closes = repos.learning.closes([...new Set(stored.map((r) => r.symbol))], since, asOf);
  const known = checkpointUpdates(
    stored.map((r) => [r.id, r.symbol, r.asOf, r.price] as const),
    closes,
    asOf,
    thresholds,
  );
  // the update's outcome is the same category the stored row's column holds, typed loosely by the repo
  const rows = stored.map((r, i) => ({ ...r, ...known[i]!, outcome: known[i]!.outcome as typeof r.outcome }));
  return ['high', 'medium', 'low']
    .map((level) => {
      const g = stats(
        level,
        rows.filter((r) => r.level === level),
      );
      return {
        level,
        alerts: g.n,
        measured: g.measured,
        successRate: g.successRate,
        avgReturn7d: g.avg7d,
        avgPeak: g.avgPeak,
      };
    })
    .filter((p) => p.alerts > 0);
}
