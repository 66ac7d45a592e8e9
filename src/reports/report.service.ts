import { fmtNum } from '../present/format';
import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { DailyReport } from './daily-report.model';
import { reportCsv } from './report-csv.render';
import { gatherDailyReport, gatherWeeklyReport, type ReportDeps } from './report-data';
import { reportEmail, reportFileName, type ReportEmail } from './report-email.render';
import { dailyReportDocument, weeklyReportDocument, type ReportChart } from './report-html.render';
import { reportCaption, reportMessages } from './report-text.render';
import type { WeeklyReport } from './weekly-report.model';

// Daily and weekly reports for every caller: /report in chat, `squeezebot report`, the scheduled
// report job and the email digest all come here, so they cannot drift apart. Charts come from an
// injected source (src/reports/charts once wired); a chart that fails is left out and logged, the
// report still goes.

export type ReportKind = 'daily' | 'weekly';
export type ReportFormat = 'text' | 'html' | 'csv';
export type Report = DailyReport | WeeklyReport;

/** One ticker chart as a PNG, or null when there is nothing to draw. */
export type ChartSource = (symbol: string, asOf: string) => Promise<Buffer | null>;

/** How many ranked names get a chart in the HTML report and the email. */
export const CHARTS_PER_REPORT: Record<ReportKind, number> = { daily: 10, weekly: 10 };

export interface ReportFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ReportServiceDeps extends ReportDeps {
  clock: Clock;
  logger: Logger;
  /** absent: reports carry no charts */
  charts?: ChartSource;
}

export function createReportService(deps: ReportServiceDeps) {
  const log = deps.logger.child({ component: 'reports' });

  async function charts(r: Report): Promise<ReportChart[]> {
    const source = deps.charts;
    if (!source || (r.kind === 'weekly' && !deps.settings.current().reporting.weekly_summary.include_charts)) return [];
    const out: ReportChart[] = [];
    // one at a time: a chart renders on the main thread, so parallel calls would only queue
    for (const c of r.top.slice(0, CHARTS_PER_REPORT[r.kind])) {
      try {
        const png = await source(c.symbol, r.asOf);
        if (png)
          out.push({
            symbol: c.symbol,
            png,
            caption: `${c.symbol}: score ${fmtNum(c.score)}${c.rank ? `, rank ${c.rank}` : ''}, as of ${r.asOf}`,
          });
      } catch (err) {
        log.warn({ symbol: c.symbol, asOf: r.asOf, err: errorMessage(err) }, 'report chart failed');
      }
    }
    return out;
  }

  return {
    build(kind: ReportKind, asOf?: string): Report {
      const now = deps.clock.now();
      return kind === 'daily' ? gatherDailyReport(deps, now, asOf) : gatherWeeklyReport(deps, now, asOf);
    },
    charts,
    /** The report as chat messages (Telegram HTML, split at 4096). */
    messages: reportMessages,
    caption: reportCaption,
    /** The report as a file; html embeds the charts as data URIs. */
    async file(r: Report, format: 'html' | 'csv', chartList?: readonly ReportChart[]): Promise<ReportFile> {
      if (format === 'csv')
        return {
          filename: reportFileName(r, 'csv'),
          contentType: 'text/csv',
          content: Buffer.from(reportCsv(r), 'utf8'),
        };
      const list = chartList ?? (await charts(r));
      const html = r.kind === 'daily' ? dailyReportDocument(r, list) : weeklyReportDocument(r, list);
      return { filename: reportFileName(r, 'html'), contentType: 'text/html', content: Buffer.from(html, 'utf8') };
    },
    /** The report as an email: HTML with cid images, CSV attached. */
    async email(r: Report, extraLines: string[] = []): Promise<ReportEmail> {
      return reportEmail(r, await charts(r), extraLines);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
