import { afterEach, describe, expect, it } from 'vitest';
import { smtpUrlProblem } from '../../src/config/secret-values';
import { clearSecretsForTest, registerSecrets, scrubSecrets, urlCredentials } from '../../src/shared/secrets';

afterEach(() => clearSecretsForTest());

describe('scrubSecrets', () => {
  it('replaces a secret in each form it travels in', () => {
    registerSecrets(['k3y/with+chars='], [['client', 'pa55word']]);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (const form of [
      'k3y/with+chars=',
      encodeURIComponent('k3y/with+chars='),
      b64('k3y/with+chars='),
      'pa55word',
      b64('client:pa55word'),
      b64('\0client\0pa55word'),
    ])
      expect(scrubSecrets(`before ${form} after`)).toBe('before [redacted] after');
    // the user alone is not a secret
    expect(scrubSecrets('user client')).toBe('user client');
  });

  it('replaces a longer secret whole when a shorter one is inside it', () => {
    registerSecrets(['abcd', 'xxabcdxx']);
    expect(scrubSecrets('xxabcdxx')).toBe('[redacted]');
  });

  it('leaves text alone without secrets, and ignores values too short to be one', () => {
    expect(scrubSecrets('nothing here')).toBe('nothing here');
    registerSecrets(['1', 'ab', undefined, '']);
    expect(scrubSecrets('1 ab 12')).toBe('1 ab 12');
  });
});

describe('SMTP_URL', () => {
  it.each([
    ['smtp://u:PASS@[x', /malformed host/],
    ['smtp://u:PASS@host:99999', /bad port/],
    ['smtp://u:PASS@host:0', /bad port/],
    ['http://u:PASS@host:25', /scheme "http"/],
    ['u:PASS@host', /not a URL/],
    ['smtp://u:PASS@:25', /malformed host/],
  ])('%s is refused without its password', (url, why) => {
    const problem = smtpUrlProblem(url);
    expect(problem).toMatch(why);
    expect(problem).not.toContain('PASS');
  });

  it.each(['smtp://u:p%40ss@127.0.0.1:2525', 'smtps://mail.example.com:465', 'smtp://[::1]:25', undefined])(
    '%s is usable',
    (url) => expect(smtpUrlProblem(url)).toBeNull(),
  );

  it('credentials come out of a URL that does not parse, decoded and as written', () => {
    expect(urlCredentials('smtp://me:p%40ss@[x')).toEqual({ user: 'me', pass: 'p@ss', passAsWritten: 'p%40ss' });
    expect(urlCredentials('smtp://host:25')).toEqual({});
  });
});
