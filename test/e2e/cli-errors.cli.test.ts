import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli } from '../support/cli';

// Issue 14, "CLI errors as one line": each failure that used to end in a stack trace (or a stack that
// printed a password) now prints one line saying what to do, with the documented exit code (README
// "Exit codes": 1 failed, 2 usage). Nothing here reaches the network: every provider is a closed port.

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-cli-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: NodeJS.ProcessEnv = {}, db = join(dir, 'ok.db')) => isolatedEnv({ dir, dbPath: db, extra });
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |node:internal|Node\.js v\d/);

describe('CLI errors', { timeout: 60_000 }, () => {
  it.each([
    ['smtp://u:S3cretPass@[x', /SMTP_URL has a missing or malformed host/],
    ['smtp://u:S3cretPass@host:99999', /SMTP_URL has a bad port/],
  ])('a malformed SMTP_URL (%s): one line naming the problem, never the password', async (url, why) => {
    const r = await runCli(['chat', '/status'], env({ SMTP_URL: url }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(why);
    expect(r.stderr + r.stdout).not.toContain('S3cretPass');
    noStack(r.stderr);
  });

  it('--db on a file that is not a database', async () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'shopping list\n'.repeat(200));
    const r = await runCli(['chat', '/status'], env({}, junk));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^the database file is not a squeezebot database/);
    noStack(r.stderr);
  });

  it.each([
    [['report', 'daily', '--out', 'missing/r.html', '--format', 'html'], '--out'],
    [['backtest', '--from', '2021-01-04', '--to', '2021-01-05', '--json', 'missing/bt.json'], '--json'],
  ])('%j: an output in a missing folder is refused before any work, with the usage line', async (args, flag) => {
    const r = await runCli(
      args.map((a) => (a.startsWith('missing/') ? join(dir, a) : a)),
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag} ${join(dir, 'missing')}`);
    expect(r.stderr).toMatch(/the folder .* does not exist — create it or pick another path\nusage: /);
    // nothing ran: the backtest recorded nothing, it did not even start
    expect(r.stderr).not.toMatch(/replaying/);
    noStack(r.stderr);
  });
});
