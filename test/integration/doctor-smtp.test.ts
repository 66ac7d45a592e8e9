import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSmtp } from '../../src/cli/doctor-smtp';
import { startSmtpServer } from '../support/smtp-server';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({ password: 'right' });
});
afterAll(() => smtp.close());

function collect() {
  const lines: string[] = [];
  return { lines, line: (mark: string, what: string, text: string) => void lines.push(`${mark} ${what} ${text}`) };
}

describe('doctor: SMTP', () => {
  it('says email is off without SMTP_URL', async () => {
    const c = collect();
    expect(await checkSmtp({}, c.line)).toBe(0);
    expect(c.lines).toEqual([
      'off  email not configured — set SMTP_URL, EMAIL_FROM and EMAIL_TO to email alerts and digests',
    ]);
  });

  it('connects and logs in to the SMTP server, without showing the password', async () => {
    const c = collect();
    expect(
      await checkSmtp({ SMTP_URL: `smtp://bot:right@127.0.0.1:${smtp.port}`, EMAIL_TO: 'desk@example.com' }, c.line),
    ).toBe(0);
    expect(c.lines[0]).toMatch(
      new RegExp(`^ok   email SMTP 127\\.0\\.0\\.1:${smtp.port} accepted the connection and login in \\d+ ms$`),
    );
  });

  it('names a refused login', async () => {
    const c = collect();
    expect(await checkSmtp({ SMTP_URL: `smtp://bot:wrong@127.0.0.1:${smtp.port}` }, c.line)).toBe(1);
    expect(c.lines[0]).toContain('login refused — check the user and password in SMTP_URL');
    expect(c.lines[0]).not.toContain('wrong');
  });

  it('fails fast on a port where nothing listens', async () => {
    const c = collect();
    expect(await checkSmtp({ SMTP_URL: 'smtp://127.0.0.1:9' }, c.line, 2_000)).toBe(1);
    expect(c.lines[0]).toMatch(/^FAIL email SMTP 127\.0\.0\.1:9: .*check SMTP_URL/);
  });
});
