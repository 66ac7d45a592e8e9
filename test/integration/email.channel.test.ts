import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/alerts/digest.service';
import { createPipelineRunsRepo } from '../../src/db/repos/pipeline-runs.repo';
import { DeliveryError } from '../../src/notify/delivery-channel';
import { createEmailChannel } from '../../src/notify/email.channel';
import { fakeClock, systemClock, type Clock } from '../../src/shared/clock';
import { candidate, runRecord, runWith } from '../support/alert-fixtures';
import { testConfig } from '../support/config';
import { alertService, outboxWorker } from '../support/delivery';
import { startSmtpServer } from '../support/smtp-server';
import { tempDb } from '../support/temp-db';
import { fixedSettings } from '../../src/config/settings';
import { createRepos } from '../../src/db/repos';

// a 1×1 transparent PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: { 'gone@example.com': 550, 'busy@example.com': 451 } });
});
afterAll(() => smtp.close());

/** `alertClock`: when the alert engine raises alerts (a report as of a day holds only those raised by its end) */
function setup(alertClock: Clock = systemClock) {
  const t = tempDb();
  const config = testConfig((c) => {
    c.alerting.channels.email.enabled = true;
    c.alerting.channels.email.recipients = ['desk@example.com'];
  });
  const email = createEmailChannel({ smtpUrl: smtp.url, from: 'squeezebot <bot@example.com>' });
  const { outbox, worker } = outboxWorker(createRepos(t.db), config, systemClock, { channels: [email] });
  const alerts = alertService(createRepos(t.db), config, alertClock, outbox, {
    emailAvailable: true,
    emailTo: 'boss@example.com',
  });
  return {
    ...t,
    config,
    outbox,
    email,
    worker,
    alerts,
    done: async () => {
      await worker.stop();
      email.close();
      t.cleanup();
    },
  };
}

describe('email through a real SMTP server', () => {
  it('emails a high squeeze alert with an HTML and a plain-text part to every recipient', async () => {
    const s = setup();
    try {
      const before = smtp.received.length;
      s.alerts.fromRun(runWith('2021-01-26', [['GME', 'high']]));
      s.worker.start();
      expect(await s.worker.waitIdle(15_000)).toBe(true);
      const mails = smtp.received.slice(before);
      expect(mails.flatMap((m) => m.to).sort()).toEqual(['boss@example.com', 'desk@example.com']);
      const mail = mails[0]!.parsed;
      expect(mail.subject).toBe('[squeezebot] HIGH GME score 0.85');
      expect(mail.from?.text).toContain('bot@example.com');
      expect(mail.html).toContain('<b>GME</b> — HIGH squeeze set-up');
      expect(mail.text).toContain('GME — HIGH squeeze set-up');
      expect(mail.text).not.toContain('<b>');
      const sent = s.outbox.after(0);
      expect(sent.every((r) => r.status === 'sent' && r.externalMessageId)).toBe(true);
    } finally {
      await s.done();
    }
  });

  it('sends the daily digest as the daily report: top candidates, alerts, funnel, an inline chart and the CSV attached', async () => {
    const s = setup(fakeClock('2021-01-26T22:46:00Z'));
    try {
      const runs = createPipelineRunsRepo(s.db);
      const c = candidate('GME', 'high', '2021-01-26', 0.91);
      runs.save(runRecord('2021-01-26'), [
        {
          asOf: '2021-01-26',
          symbol: 'GME',
          runId: 'discovery_20210126_224500',
          rank: 1,
          score: 0.91,
          fuel: 0.9,
          trigger: 0.7,
          level: 'high',
          weightSet: 'with_finra',
          components: c.result.components,
          missing: [],
          levelNotes: [],
          metrics: c.metrics as unknown as Record<string, unknown>,
          flags: [],
          source: 'volume_detector',
        },
      ]);
      s.alerts.fromRun(runWith('2021-01-26', [['GME', 'high']]));
      const digest = createDigestService({
        repos: createRepos(s.db),
        settings: fixedSettings(s.config),
        clock: systemClock,
        outbox: s.outbox,
        recipients: () => ['desk@example.com'],
      });
      const before = smtp.received.length;
      expect(
        await digest.send([{ cid: 'chart-gme', filename: 'GME.png', png: PNG, caption: 'GME 60 days' }]),
      ).toHaveLength(1);
      s.worker.start();
      expect(await s.worker.waitIdle(15_000)).toBe(true);
      const mail = smtp.received.slice(before).find((m) => m.parsed.subject?.includes('Daily digest'))!.parsed;
      // the digest is the daily report's HTML (src/reports) with the chart inline and the CSV attached
      expect(mail.subject).toBe('[squeezebot] Daily digest 2021-01-26: 1 candidate(s), 1 alert(s)');
      expect(mail.html).toContain('Top 1');
      // mailparser resolves cid: links into data: URIs, so an inlined image proves the cid reference matched
      expect(mail.html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="GME chart"/);
      expect(mail.html).toMatch(
        /<td class="lead" data-label="Stage">volume detector<\/td><td class="num" data-label="In">800<\/td><td class="num" data-label="Out">12<\/td>/,
      );
      expect(mail.html).toContain('Outbox: ');
      expect(mail.text).toMatch(/1\. GME 0\.91 ★ HIGH\n {3}fuel 0\.90 · trig 0\.70/);
      expect(mail.text).toContain('HIGH GME score 0.85');
      expect(mail.attachments).toHaveLength(2);
      expect(mail.attachments[0]).toMatchObject({ contentType: 'image/png', cid: 'chart-gme', filename: 'GME.png' });
      expect(mail.attachments[1]).toMatchObject({
        contentType: 'text/csv',
        filename: 'squeezebot-daily-2021-01-26.csv',
      });
      expect(mail.attachments[1]!.content.toString('utf8')).toMatch(/^as_of,rank,symbol,/);
      expect(mail.attachments[0]!.content.equals(PNG)).toBe(true);
    } finally {
      await s.done();
    }
  });

  it('calls a 550 refusal permanent and a 451 transient', async () => {
    const email = createEmailChannel({ smtpUrl: smtp.url, from: 'bot@example.com' });
    try {
      const msg = { id: 1, channel: 'email' as const, subject: 's', html: '<p>x</p>', text: 'x' };
      const gone = await email.send({ ...msg, target: 'gone@example.com' }).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(DeliveryError);
      expect((gone as DeliveryError).kind).toBe('permanent');
      const busy = await email.send({ ...msg, target: 'busy@example.com' }).catch((e: unknown) => e);
      expect((busy as DeliveryError).kind).toBe('transient');
      await expect(email.verify()).resolves.toBeUndefined();
    } finally {
      email.close();
    }
  });

  it('fails verify against a port with no SMTP server', async () => {
    const email = createEmailChannel({ smtpUrl: 'smtp://127.0.0.1:9', from: 'bot@example.com' });
    await expect(email.verify()).rejects.toThrow();
    email.close();
  });
});
