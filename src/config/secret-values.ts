import { registerSecrets, urlCredentials } from '../shared/secrets';
import type { Secrets } from './schema';

// Which loaded values are secrets, and the one check SMTP_URL gets where it enters: a URL nodemailer
// cannot parse used to crash every verb with a stack trace that printed the password.

/** Registers every secret the environment holds with the scrubber (src/shared/secrets.ts). */
export function registerConfiguredSecrets(s: Secrets): void {
  const smtp = urlCredentials(s.SMTP_URL);
  registerSecrets(
    [
      s.TELEGRAM_BOT_TOKEN,
      s.TELEGRAM_WEBHOOK_SECRET,
      s.POLYGON_API_KEY,
      s.FMP_API_KEY,
      s.FINNHUB_API_KEY,
      s.FINRA_CLIENT_SECRET,
      s.SMTP_PASS,
      smtp.passAsWritten,
    ],
    [
      [s.FINRA_CLIENT_ID, s.FINRA_CLIENT_SECRET],
      [smtp.user, smtp.pass],
      [s.SMTP_USER, s.SMTP_PASS],
    ],
  );
}

const SMTP_SHAPE = 'smtp://user:password@host:587 (or smtps://…:465)';

/** What is wrong with an SMTP_URL, in words that never repeat its password; null when it is usable. */
export function smtpUrlProblem(raw: string | undefined): string | null {
  if (!raw) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (!scheme) return `SMTP_URL is not a URL: expected ${SMTP_SHAPE}`;
  if (scheme !== 'smtp' && scheme !== 'smtps') return `SMTP_URL has the scheme "${scheme}": expected ${SMTP_SHAPE}`;
  // the part after the userinfo: host[:port][/...][?...]
  const rest = raw.slice(scheme.length + 3).replace(/^[^@/?#]*@/, '');
  const hostPort = /^([^/?#]*)/.exec(rest)![1]!;
  const port = /:(\d*)$/.exec(hostPort.replace(/^\[[^\]]*\]/, ''))?.[1];
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535))
    return `SMTP_URL has a bad port (a number from 1 to 65535): expected ${SMTP_SHAPE}`;
  try {
    const url = new URL(raw);
    if (!url.hostname) throw new Error('no host');
  } catch {
    return `SMTP_URL has a missing or malformed host: expected ${SMTP_SHAPE}`;
  }
  return null;
}
