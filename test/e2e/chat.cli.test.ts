import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv, runCli } from '../support/cli';
import { hasSharedData, sharedPath, SHARED_SKIP_MESSAGE } from '../support/shared-data';

// `squeezebot chat` as users script it: a child process, the reply on stdout. Every provider host is
// a closed local port, so nothing here reaches the network.

let dir: string;

function env(): NodeJS.ProcessEnv {
  return isolatedEnv({
    dir,
    dbPath: join(dir, 'chat.db'),
    extra: { SQUEEZEBOT_CFG__app__data_dir: join(dir, 'data') },
  });
}

const cli = (args: string[]) => runCli(args, env());

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-chat-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// each spawn compiles the sources through tsx: seconds apiece on a busy machine
describe('squeezebot chat', { timeout: 60_000 }, () => {
  it('prints /help generated from the command list, exit 0', async () => {
    const r = await cli(['chat', '/help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('🔍 Discover');
    expect(r.stdout).toContain('🛠 Admin');
    expect(r.stdout).not.toMatch(/<\/?(b|code|pre)>/);
  });

  it('exits 2 with the usage line on a bad argument', async () => {
    const r = await cli(['chat', '/top', 'many']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: /top [n] [page] [csv]');
  });

  it('prints buttons as numbers and presses them with --press: Confirm applies a /set, Cancel leaves it', async () => {
    const key = 'alerting.cooldown.low_alert_days';
    const cancelled = await cli(['chat', `/set ${key} 9`, '--press', '2']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain('[1 ✅ Confirm] [2 ✖ Cancel]');
    expect(cancelled.stdout).toContain('Cancelled — nothing changed.');
    const confirmed = await cli(['chat', `/set ${key} 9`, '--press', '1']);
    expect(confirmed.stdout.replace(/\s+/g, ' ')).toContain('days between low alerts is now 9 (was 3)');
    const shown = await cli(['chat', '/thresholds']);
    expect(shown.stdout).toMatch(/days between low alerts 9(?: · |\n {4})chat by console/);
    const wrong = await cli(['chat', '/help', '--press', 'one']);
    expect(wrong.code).toBe(2);
  });

  it('refuses a bad --as-of date', async () => {
    const r = await cli(['chat', '--as-of', '27/01/2021', '/top']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of wants a date as YYYY-MM-DD');
  });

  it('reads commands line by line from a pipe and exits at EOF', async () => {
    const child = spawn(process.execPath, [BIN, 'chat'], { env: env() });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stdin.end('/start\n/tpo\n');
    const code = await new Promise((ok) => child.on('close', ok));
    expect(code).toBe(0);
    expect(out).toContain("I'm squeezebot");
    expect(out).toContain('Did you mean /top?');
  });

  it.skipIf(!hasSharedData)(
    'answers as of a past day with --as-of: scan, then top and the GME card',
    async () => {
      expect((await cli(['import', sharedPath('meme-2020-2021')])).code).toBe(0);
      const scan = await cli(['chat', '--as-of', '2021-01-27', '/scan']);
      expect(scan.code).toBe(0);
      expect(scan.stdout).toContain('Scanning as of 2021-01-27');
      expect(scan.stdout).toMatch(/Run discovery_\d{8}_\d{6}\nas of 2021-01-27/);
      const top = await cli(['chat', '--as-of', '2021-01-27', '/top 5']);
      expect(top.stdout).toContain('Top 5 · as of 2021-01-27');
      expect(top.stdout).toMatch(/1\. [A-Z]+ {2}0\.\d\d/);
      const card = await cli(['chat', '--as-of', '2021-01-27', '/ticker $gme']);
      expect(card.stdout).toContain('GME\n2021-01-27');
      expect(card.stdout).toContain('$347.51');
      // the day before, the same store answers as of that day
      const before = await cli(['chat', '--as-of', '2021-01-26', '/ticker GME']);
      expect(before.stdout).toMatch(/^GME\n2021-01-26$/m);
      expect(before.stdout).not.toContain('$347.51');
    },
    180_000,
  );
  if (!hasSharedData) it.skip(SHARED_SKIP_MESSAGE, () => {});
});
