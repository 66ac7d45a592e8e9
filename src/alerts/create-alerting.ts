import type { AsOf } from '../market/as-of';
import { wrapHtml } from '../present/phone-width';
import type { Secrets } from '../config/schema';
import type { Settings } from '../config/settings';
import type { Repos } from '../db/repos';
import { createEmailChannel, emailSettingsFrom, type EmailChannel } from '../notify/email.channel';
import type { Clock } from '../shared/clock';
import { errorMessage } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { createAlertService, type AlertService, type RunCandidates } from './alert.service';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker';
import { createDigestService, type DigestService } from './digest.service';
import { createOutbox, type Outbox } from './outbox';
import { emergencyReason, PAUSED_SENTENCE } from './emergency';

// The alerting side of the composition root in one place, so src/main.ts stays a list: the outbox,
// the alert engine, the delivery worker (email registered when SMTP_URL is set; transports register
// Telegram or the console when they start), the digest, and the /status lines.

export interface Alerting {
  outbox: Outbox;
  alerts: AlertService;
  delivery: DeliveryWorker;
  digest: DigestService;
  /** null without SMTP_URL */
  email: EmailChannel | null;
  /** squeeze and run-health alerts for a finished pipeline run; never throws (the run stands) */
  afterRun(result: RunCandidates): void;
  /** lines for /status: queue depth, dead letters, emergency switch */
  statusSection(asOf: AsOf): string;
  close(): void;
}

export function createAlerting(deps: {
  repos: Repos;
  settings: Settings;
  secrets: Secrets;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: Logger;
  /** the daily report's charts for the digest (the report service's) */
  digestCharts?: Parameters<typeof createDigestService>[0]['charts'];
}): Alerting {
  const { repos, settings, secrets, clock, logger } = deps;
  const smtp = emailSettingsFrom(secrets);
  const email = smtp ? createEmailChannel(smtp) : null;
  const outbox = createOutbox({ repos, clock });
  const alerts = createAlertService({
    repos,
    settings,
    clock,
    logger,
    outbox,
    chatChannel: secrets.TELEGRAM_BOT_TOKEN ? 'telegram' : 'console',
    emailTo: secrets.EMAIL_TO,
    emailAvailable: !!email,
  });
  const delivery = createDeliveryWorker({
    repos,
    outbox,
    settings,
    clock,
    logger,
    channels: email ? [email] : [],
    emergencyEnv: deps.env.SQUEEZEBOT_EMERGENCY_DISABLE === '1',
    onPermanent: (f) => alerts.onDeliveryRefused(f),
    housekeeping: () => void alerts.escalateDue(),
  });
  const digest = createDigestService({
    repos,
    settings,
    clock,
    outbox,
    recipients: () => alerts.emailRecipients(),
    // opt-in per user (/settings digest on), and only where there is a Telegram bot to carry it
    chatRecipients: () =>
      deps.env.TELEGRAM_BOT_TOKEN
        ? chatDigestReaders(
            repos.chatUsers.all().map((u) => u.userId),
            deps.env.TELEGRAM_ADMIN_IDS,
            (id) => repos.userPrefs.get(id)?.digest === true,
          )
        : [],
    charts: deps.digestCharts,
  });
  const log = logger.child({ component: 'alerts' });

  return {
    outbox,
    alerts,
    delivery,
    digest,
    email,
    afterRun(result) {
      try {
        alerts.fromRun(result);
      } catch (err) {
        log.error({ runId: result.run.id, err: errorMessage(err) }, 'alerts from run failed');
      }
    },
    statusSection(asOf) {
      const d = outbox.depth();
      const em = delivery.emergency();
      // short lines: /status is read in a phone bubble (~36 columns)
      const lines = [
        `Outbox: ${d.queued} queued · ${d.sent} sent`,
        `${d.sending} sending · ${d.held} held (quiet)`,
        `${d.failed + d.dead} dead letter(s)`,
      ];
      const off = emergencyReason(em);
      if (off) lines.push(`⛔ ${off[0]!.toUpperCase()}${off.slice(1)}; /emergency_on resumes. ${PAUSED_SENTENCE}`);
      for (const r of delivery.deadLetters(3))
        lines.push(`• dead #${r.id} ${r.channel} ${r.target}: ${r.lastError ?? 'unknown error'}`);
      const counts = alerts.counts(asOf);
      lines.push(`Alerts: ${counts.total} raised, ${counts.unacked} open`);
      lines.push(`Email: ${alerts.emailOn() ? 'on' : email ? 'off' : 'not set up (SMTP_URL)'}`);
      // /status replies in HTML: the lines are plain text with targets and errors from outside
      return wrapHtml(lines.join('\n'), '  ');
    },
    close() {
      email?.close();
    },
  };
}

/** Every known chat user (stored, or an admin from TELEGRAM_ADMIN_IDS) who turned the digest on, once each. */
export function chatDigestReaders(
  stored: readonly string[],
  adminIds: string | undefined,
  wants: (id: string) => boolean,
): string[] {
  const ids = new Set([...stored, ...(adminIds ?? '').split(',').map((x) => x.trim())]);
  return [...ids].filter((id) => /^-?\d+$/.test(id) && wants(id));
}
