import { htmlToText } from '../present/html';
import type { DailyReport } from './daily-report.model';
import { reportCsv } from './report-csv.render';
import { chartCid, dailyReportDocument, weeklyReportDocument, type ReportChart } from './report-html.render';
import { dailyReportHtml, weeklyReportHtml } from './report-text.render';
import type { WeeklyReport } from './weekly-report.model';

// A report as an email: the same HTML document as the file, its charts as inline images (cid:), the
// CSV attached, and a plain-text part made from the chat text. Pure; the digest service queues it.

export interface ReportEmail {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer; cid?: string }[];
}

export function reportFileName(r: DailyReport | WeeklyReport, ext: 'html' | 'csv'): string {
  return `squeezebot-${r.kind}-${r.asOf}.${ext}`;
}

export function reportEmail(
  r: DailyReport | WeeklyReport,
  charts: readonly ReportChart[] = [],
  extraLines: string[] = [],
): ReportEmail {
  const html =
    r.kind === 'daily'
      ? dailyReportDocument(r, charts, { images: 'cid', notes: extraLines })
      : weeklyReportDocument(r, charts, { images: 'cid', notes: extraLines });
  const text = htmlToText(r.kind === 'daily' ? dailyReportHtml(r) : weeklyReportHtml(r));
  const subject =
    r.kind === 'daily'
      ? `[squeezebot] Daily digest ${r.asOf}: ${r.top.length} candidate(s), ${r.alerts.length} alert(s)`
      : `[squeezebot] Weekly summary ${r.weekStart} to ${r.asOf}: ${r.top.length} candidate(s), ${r.alertTotals.squeeze} squeeze alert(s)`;
  return {
    subject,
    html,
    text: [text, ...extraLines].join('\n'),
    attachments: [
      ...charts.map((c, i) => ({
        filename: `${c.symbol}.png`,
        contentType: 'image/png',
        content: c.png,
        cid: chartCid(c, i),
      })),
      { filename: reportFileName(r, 'csv'), contentType: 'text/csv', content: Buffer.from(reportCsv(r), 'utf8') },
    ],
  };
}
