import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, isolatedEnv } from '../support/cli';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../support/fake-telegram-server';
import { FAST_SCREENER, startKeylessMarket, type KeylessMarket } from '../support/keyless-market-server';

// The keyless first start on Telegram, as an operator runs it: `squeezebot start` with a token on an
// empty store, a child process against the fake Bot API and one slow local stand-in for FINRA's CDN and
// Nasdaq. The bot answers at once; the backfill runs behind it and shows its progress as ONE message to
// the admin, edited in place no more often than every ~2.5 s, ending with what was fetched against the
// budget; then the first scan's /top. Offline, the message ends with the hosts not reached.

const ADMIN = 321;
let fake: FakeTelegram;
let market: KeylessMarket;
let dir = '';

beforeAll(async () => {
  fake = await startFakeTelegram();
  // ~0.7 s an answer: 8 requests take long enough to see throttled edits and a command answered meanwhile
  market = await startKeylessMarket({ delayMs: 700 });
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-first-telegram-'));
});
afterAll(async () => {
  await fake.close();
  await market.close();
  rmSync(dir, { recursive: true, force: true });
});

function startBot(db: string, providers: Record<string, string>) {
  const env = isolatedEnv({
    dir,
    dbPath: join(dir, db),
    extra: {
      ...providers,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_ADMIN_IDS: String(ADMIN),
      SQUEEZEBOT_CFG__app__backfill_sessions: '3',
      // the scheduler's catch-ups after the first start are not what this test watches
      SQUEEZEBOT_SCHEDULER: 'off',
    },
  });
  const child = spawn(process.execPath, [BIN, 'start'], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    out: () => stdout,
    err: () => stderr,
    async stop(): Promise<number | null> {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: () => child.exitCode === null && child.kill('SIGKILL'),
  };
}

const toAdmin = (c: RecordedCall) => c.chatId === String(ADMIN) && c.status === 200;
const textOf = (c: RecordedCall) => String(c.params.text);
const isProgress = (c: RecordedCall) => c.method === 'sendMessage' && textOf(c).startsWith('<b>First start</b>');

describe('squeezebot start with a token, on an empty store', () => {
  it('answers at once, edits one progress message in place, then sends the first /top', async () => {
    const bot = startBot('online.db', market.env);
    try {
      const sent = await fake.waitFor((c) => toAdmin(c) && isProgress(c), 60_000);
      const messageId = (sent.result as { message_id: number }).message_id;
      expect(textOf(sent)).toContain('— 8 requests');
      // the bot is up while the backfill runs: a command is answered before the backfill ends
      fake.pushMessage(ADMIN, ADMIN, '/help');
      const help = await fake.waitFor((c) => toAdmin(c) && c.method === 'sendMessage' && /Commands/.test(textOf(c)));
      const final = await fake.waitFor(
        (c) => toAdmin(c) && c.method === 'editMessageText' && /backfill: \d+ of 8 requests/.test(textOf(c)),
        30_000,
      );
      expect(help.seq).toBeLessThan(final.seq);
      const top = await fake.waitFor(
        (c) => toAdmin(c) && c.method === 'sendMessage' && /^(<b>Top \d+<\/b>|Run discovery_)/.test(textOf(c)),
        30_000,
      );
      expect(top.seq).toBeGreaterThan(final.seq);

      // exactly one progress message; every edit is of that message, throttled, the summary last
      const calls = fake.calls.filter(toAdmin);
      expect(calls.filter(isProgress)).toHaveLength(1);
      const edits = calls.filter((c) => c.method === 'editMessageText');
      expect(edits.length).toBeGreaterThanOrEqual(2);
      for (const e of edits) expect(Number(e.params.message_id)).toBe(messageId);
      expect(edits.at(-1)).toBe(final);
      const steps = edits.slice(0, -1);
      expect(textOf(steps[0]!)).toMatch(/<code>\[[#.]+\] +\d+\/8 /);
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.at - steps[i - 1]!.at).toBeGreaterThanOrEqual(2000);
      expect(steps[0]!.at - sent.at).toBeGreaterThanOrEqual(2000);
      expect(textOf(final)).toMatch(/backfill: 8 of 8 requests, \d+ rows stored; nothing failed/);
      expect(textOf(final)).toMatch(/fetched: .*2 short-interest files \(\d+ rows\)/);
      expect(textOf(final)).toMatch(/fetched: .*3 short-volume files \(3 rows\)/);
      expect((fake.message(ADMIN, messageId) as { text?: string } | undefined)?.text).toMatch(
        /First scan running; its top follows\.$/,
      );
      expect(market.seen).toHaveLength(8);
      // the operator's terminal tells the same story in plain lines
      expect(bot.out()).toMatch(/^backfill: 8 of 8 requests, \d+ rows stored; nothing failed$/m);
      expect(await bot.stop()).toBe(0);
    } finally {
      bot.kill();
    }
  }, 90_000);

  it('offline: the progress message ends with the hosts it could not reach and the offline path', async () => {
    const mark = fake.calls.length;
    const bot = startBot('offline.db', FAST_SCREENER);
    const mine = (c: RecordedCall) => c.seq > mark && toAdmin(c);
    try {
      await fake.waitFor((c) => mine(c) && isProgress(c), 60_000);
      const final = await fake.waitFor(
        (c) => mine(c) && c.method === 'editMessageText' && /stopped after 3 failures/.test(textOf(c)),
        60_000,
      );
      expect(textOf(final)).toMatch(
        /No network: cannot reach 127\.0\.0\.1:9 — nothing to scan yet\. Offline: squeezebot import FOLDER, then squeezebot chat --as-of DATE\.$/,
      );
      expect(await bot.stop()).toBe(0);
      // no scan ran, so no /top followed the message
      const after = fake.calls.filter((c) => mine(c) && c.seq > final.seq && c.method === 'sendMessage');
      expect(after).toEqual([]);
    } finally {
      bot.kill();
    }
  }, 90_000);
});
