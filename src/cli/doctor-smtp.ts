import type { Secrets } from '../config/schema';
import { createEmailChannel, emailSettingsFrom } from '../notify/email.channel';
import { errorMessage } from '../shared/errors';

// `squeezebot doctor`'s email line: with SMTP_URL set, connect and log in (no mail is sent). The
// URL's password never reaches the output: only its host and port are shown.

export type DoctorLine = (mark: 'ok  ' | 'FAIL' | 'off ' | 'warn', what: string, text: string) => void;

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'the SMTP_URL host';
  }
}

/** Returns the number of failures (0 or 1). */
export async function checkSmtp(secrets: Secrets, line: DoctorLine, timeoutMs = 8_000): Promise<number> {
  const settings = emailSettingsFrom(secrets);
  if (!settings) {
    line('off ', 'email', 'not configured — set SMTP_URL, EMAIL_FROM and EMAIL_TO to email alerts and digests');
    return 0;
  }
  const host = hostOf(settings.smtpUrl);
  const channel = createEmailChannel({ ...settings, timeoutMs });
  const t0 = performance.now();
  try {
    await channel.verify();
    const to = secrets.EMAIL_TO ? '' : ' (EMAIL_TO is empty: only alerting.channels.email.recipients get mail)';
    line(
      'ok  ',
      'email',
      `SMTP ${host} accepted the connection and login in ${Math.round(performance.now() - t0)} ms${to}`,
    );
    return 0;
  } catch (err) {
    const e = err as { code?: string };
    const why =
      e.code === 'EAUTH'
        ? 'login refused — check the user and password in SMTP_URL'
        : `${errorMessage(err)} — check SMTP_URL (host, port, smtp:// or smtps://)`;
    line('FAIL', 'email', `SMTP ${host}: ${why}`);
    return 1;
  } finally {
    channel.close();
  }
}
