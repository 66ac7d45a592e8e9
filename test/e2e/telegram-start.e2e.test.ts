import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
afterEach(() => fake.clearFailures());
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

  /** `squeezebot start` on the fake with `token` */
  function startBot(token: string) {
    const env = isolatedEnv({
      dir,
      dbPath: join(dir, 'bot.db'),
      extra: {
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_ADMIN_IDS: '321',
        SQUEEZEBOT_SCHEDULER: 'off',
      },
    });
    const child = spawn(process.execPath, [BIN, 'start', '--no-update'], { env });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => void (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (out.stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    return { child, out, exited };
  }

  it('starts through a 500 from getMe and from setMyCommands on a Bot API without the optional methods', async () => {
    fake.failNext(1, 500, { methods: ['getMe'] });
    fake.failNext(1, 500, { methods: ['setMyCommands'] });
    fake.lackMethods(['sendPhoto', 'sendDocument', 'sendChatAction']);
    const before = fake.calls.length;
    const { child, out, exited } = startBot(fake.token);
    try {
      for (let i = 0; i < 300 && !/is running/.test(out.stdout) && child.exitCode === null; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out.stdout, out.stderr).toMatch(/Telegram bot @squeeze_test_bot is running \(polling\)/);
      const since = fake.calls.slice(before);
      expect(since.filter((c) => c.method === 'getMe').map((c) => c.status)).toEqual([500, 200]);
      expect(since.filter((c) => c.method === 'setMyCommands').map((c) => c.status)).toEqual([500, 200, 200]);
      // /ticker shows "typing…" first: the chat action this Bot API lacks is skipped, the card still comes
      const first = fake.calls.length;
      fake.pushMessage(321, 321, '/ticker GME');
      await fake.waitFor((c) => c.seq > first && c.method === 'sendMessage' && c.chatId === '321', 15_000);
      expect(
        fake.calls
          .slice(first)
          .filter((c) => c.method === 'sendChatAction')
          .map((c) => c.status),
      ).toEqual([404]);
      const after = fake.calls.length;
      fake.pushMessage(321, 321, '/status');
      const reply = await fake.waitFor(
        (c) => c.seq > after && c.method === 'sendMessage' && c.chatId === '321' && c.status === 200,
        15_000,
      );
      expect(String(reply.params.text)).toContain('Telegram: sendChatAction missing on this Bot API');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 1 at once on a token the Bot API refuses (401), naming the token', async () => {
    const t0 = Date.now();
    const { child, out, exited } = startBot('999:not-the-token');
    try {
      expect(await exited).toBe(1);
      expect(out.stderr).toMatch(/TELEGRAM_BOT_TOKEN was refused by the Bot API \(401 Unauthorized\)/);
      // not the ~1.5 min of retries a 5xx gets
      expect(Date.now() - t0).toBeLessThan(20_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
