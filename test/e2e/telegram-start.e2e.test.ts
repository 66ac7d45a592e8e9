import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv } from '../support/cli';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';

// `squeezebot start` with TELEGRAM_BOT_TOKEN, as a user runs it: a child process that talks to the
// fake Bot API (TELEGRAM_API_ROOT), answers a command, and stops cleanly on SIGTERM.

let fake: FakeTelegram;
let dir: string;

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-start-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('squeezebot start with a Telegram token', () => {
  it('runs the bot until SIGTERM: answers /help, then stops with exit code 0', async () => {
    // every provider on a closed local port: nothing here may reach a real host
    const env = isolatedEnv({
      dir,
      dbPath: join(dir, 'bot.db'),
      extra: {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_ADMIN_IDS: '321',
        // the scheduler's catch-ups are not what this test watches
        SQUEEZEBOT_SCHEDULER: 'off',
      },
    });
    // the bot's life on an empty store without the first-start backfill (first-start.telegram.e2e.test.ts
    // has that): its progress message would be one more sendMessage to 321 beside the /help reply
    const child = spawn(process.execPath, [BIN, 'start', '--no-update'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      for (let i = 0; i < 300 && !/is running/.test(stdout); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stdout, stderr).toMatch(/Telegram bot @squeeze_test_bot is running \(polling\)/);
      // a fresh store is named at start, with the offline path, before the bot is up
      expect(stdout).toMatch(
        /^The store is empty: .* Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE\.$/m,
      );
      expect(fake.commandsFor('chat:321')?.length).toBeGreaterThan(0);
      const after = fake.calls.length;
      fake.pushMessage(321, 321, '/help');
      const reply = await fake.waitFor(
        (c) => c.seq > after && c.method === 'sendMessage' && c.chatId === '321',
        15_000,
      );
      expect(String(reply.params.text)).toMatch(/Commands/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toMatch(/Stopped\./);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
