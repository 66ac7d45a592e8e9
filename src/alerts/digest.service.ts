import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import type { DailyReport } from '../reports/daily-report.model';
import { gatherDailyReport } from '../reports/report-data';
import { reportEmail, type ReportEmail } from '../reports/report-email.render';
import type { ReportChart } from '../reports/report-html.render';
import type { Clock } from '../shared/clock';
import type { Outbox } from './outbox';
import { reportMessages } from '../reports/report-text.render';

// The daily digest is the daily report (src/reports) as an email: the same HTML document as the
// report file, its charts as inline (cid) images, the CSV attached, plus the outbox's state. Written
// to the outbox once per recipient, so retries and restarts apply to email as to everything else.
// `/digest now` and the evening job call `send`.

/** A chart handed in by the caller (tests, a job that already drew them). */
export interface DigestChart {
  cid: string;
  filename: string;
  png: Buffer;
  caption: string;
}

export function createDigestService(deps: {
  repos: Repos;
  settings: Settings;
  clock: Clock;
  outbox: Outbox;
  recipients: () => string[];
  /** Telegram chats that asked for the digest (/settings digest on): each gets the report as chat text */
  chatRecipients?: () => string[];
  /** the report's charts (the report service's); absent: a digest without charts */
  charts?: (report: DailyReport) => Promise<ReportChart[]>;
}) {
  async function render(charts?: DigestChart[]): Promise<ReportEmail> {
    const report = gatherDailyReport(deps, deps.clock.now());
    const list: ReportChart[] = charts
      ? charts.map((c) => ({ symbol: c.filename.replace(/\.png$/i, ''), png: c.png, caption: c.caption, cid: c.cid }))
      : ((await deps.charts?.(report)) ?? []);
    const depth = deps.outbox.depth();
    return reportEmail(report, list, [
      `Outbox: ${depth.queued + depth.sending + depth.held} waiting, ${depth.failed + depth.dead} dead letter(s).`,
    ]);
  }

  return {
    render,
    /**
     * Queues the digest to every email recipient and to every chat that turned it on (the daily report's
     * chat text, as /report daily shows it); returns the outbox ids (empty: nobody to send it to).
     */
    async send(charts?: DigestChart[]): Promise<number[]> {
      const to = deps.recipients();
      const chats = deps.chatRecipients?.() ?? [];
      const ids: number[] = [];
      if (chats.length) {
        const parts = reportMessages(gatherDailyReport(deps, deps.clock.now()));
        for (const target of chats)
          for (const html of parts) ids.push(deps.outbox.enqueue({ channel: 'telegram', target, html }));
      }
      if (!to.length) return ids;
      const mail = await render(charts);
      return ids.concat(
        to.map((target) =>
          deps.outbox.enqueue({
            channel: 'email',
            target,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            attachments: mail.attachments,
          }),
        ),
      );
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
