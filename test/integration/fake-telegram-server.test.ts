import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxInWindow, startFakeTelegram, type FakeTelegram } from '../support/fake-telegram-server';

// The fake Bot API itself: long polling that holds until an update is pushed, offsets that confirm
// updates, seeded failures that repeat run to run, and the 400s real Telegram gives for bad markup.

let fake: FakeTelegram;
beforeEach(async () => {
  fake = await startFakeTelegram();
});
afterEach(() => fake.close());

const api = async (method: string, params: Record<string, unknown> = {}) => {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      result?: unknown;
      error_code?: number;
      description?: string;
      parameters?: { retry_after: number };
    },
  };
};

describe('fake telegram server', () => {
  it('holds a long poll until an update is pushed, then confirms it by offset', async () => {
    const t0 = Date.now();
    const poll = api('getUpdates', { timeout: 5, offset: 0 });
    setTimeout(() => fake.pushMessage(11, 11, '/help'), 100);
    const { body } = await poll;
    const updates = body.result as {
      update_id: number;
      message: { text: string; entities: unknown[]; from: { id: number } };
    }[];
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.message).toMatchObject({
      text: '/help',
      from: { id: 11 },
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
    });
    const again = await api('getUpdates', { timeout: 0, offset: updates[0]!.update_id + 1 });
    expect(again.body.result).toEqual([]);
  });

  it('answers 401 to a wrong token and 429 in the Bot API shape', async () => {
    const wrong = await fetch(`${fake.apiRoot}/bot1:nope/getMe`, { method: 'POST' });
    expect(wrong.status).toBe(401);
    fake.failNext(1, 429, { retryAfter: 1 });
    expect(await api('sendMessage', { chat_id: 1, text: 'x' })).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
  });

  it('fails the same calls for the same seed', async () => {
    const run = async () => {
      fake.failRandomly({ rate429: 0.2, rate500: 0.1, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await api('sendMessage', { chat_id: 1, text: `m${i}` })).status);
      fake.clearFailures();
      return statuses;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(2);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
  });

  it('rejects markup Telegram cannot parse and text over 4096', async () => {
    expect((await api('sendMessage', { chat_id: 1, text: '<b>open', parse_mode: 'HTML' })).body.description).toMatch(
      /can't parse entities/,
    );
    expect((await api('sendMessage', { chat_id: 1, text: 'a < b', parse_mode: 'HTML' })).body.description).toMatch(
      /can't parse entities/,
    );
    expect((await api('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).body.description).toBe(
      'Bad Request: message is too long',
    );
  });

  it('counts the busiest window of sends', () => {
    expect(maxInWindow([0, 100, 900, 1000, 1100, 3000], 1000)).toBe(3);
    expect(maxInWindow([], 1000)).toBe(0);
  });
});
