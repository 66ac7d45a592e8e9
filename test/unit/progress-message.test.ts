import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../../src/notify/delivery-channel';
import { systemClock } from '../../src/shared/clock';
import { createProgressMessage } from '../../src/transports/telegram/progress-message';
import { testLogger } from '../support/logger';

// The throttle behind the first start's Telegram progress: one message per chat, edits at most one per
// interval with the newest text, a trailing edit after a burst, and the final text always last.

function recordingSender(options: { refuse?: string[] } = {}) {
  const calls: { method: 'send' | 'edit'; chatId: string; messageId?: number; html: string; at: number }[] = [];
  let nextId = 10;
  return {
    calls,
    edits: () => calls.filter((c) => c.method === 'edit'),
    sender: {
      send: (chatId: string | number, steps: { kind: string; html?: string }[]) => {
        if (options.refuse?.includes(String(chatId)))
          return Promise.reject(new DeliveryError('permanent', 'Forbidden: bot was blocked by the user'));
        calls.push({ method: 'send' as const, chatId: String(chatId), html: steps[0]!.html ?? '', at: Date.now() });
        return Promise.resolve([nextId++]);
      },
      editText: (chatId: string | number, messageId: number, html: string) => {
        calls.push({ method: 'edit' as const, chatId: String(chatId), messageId, html, at: Date.now() });
        return Promise.resolve();
      },
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T15:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress message', () => {
  it('edits at most once per interval with the newest text, then a trailing edit, then the final text', async () => {
    const rec = recordingSender();
    const msg = createProgressMessage({ ...rec, clock: systemClock, logger: testLogger('silent'), chatIds: ['42'] });
    await msg.start('0/5');
    for (const step of ['1/5', '2/5', '3/5']) {
      await vi.advanceTimersByTimeAsync(300);
      msg.update(step);
    }
    // inside the first interval: nothing edited yet
    expect(rec.edits()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2500);
    expect(rec.edits().map((e) => e.html)).toEqual(['3/5']);
    msg.update('4/5');
    await vi.advanceTimersByTimeAsync(1000);
    expect(rec.edits()).toHaveLength(1);
    // the trailing edit lands once the interval is over, though no update came after 4/5
    await vi.advanceTimersByTimeAsync(1500);
    expect(rec.edits().map((e) => e.html)).toEqual(['3/5', '4/5']);
    msg.update('5/5');
    await msg.finish('done: 5 of 5');
    await vi.advanceTimersByTimeAsync(10_000);
    // the pending 5/5 gave way to the final text; nothing after it
    expect(rec.edits().map((e) => e.html)).toEqual(['3/5', '4/5', 'done: 5 of 5']);
    const gaps = rec.edits().map((e, i, all) => e.at - (all[i - 1]?.at ?? rec.calls[0]!.at));
    expect(gaps.slice(0, 2).every((g) => g >= 2500)).toBe(true);
    expect(new Set(rec.edits().map((e) => e.messageId))).toEqual(new Set([10]));
  });

  it('edits the message in every chat that took it, and leaves out a chat that refused it', async () => {
    const rec = recordingSender({ refuse: ['-100'] });
    const msg = createProgressMessage({
      ...rec,
      clock: systemClock,
      logger: testLogger('silent'),
      chatIds: ['42', '-100', '43'],
    });
    await msg.start('starting');
    expect(msg.chats()).toEqual(['42', '43']);
    await msg.finish('done');
    expect(rec.edits().map((e) => [e.chatId, e.messageId, e.html])).toEqual([
      ['42', 10, 'done'],
      ['43', 11, 'done'],
    ]);
  });

  it('waits out a 429 on an intermediate edit before the next one', async () => {
    const rec = recordingSender();
    let limited = true;
    const editText = rec.sender.editText;
    rec.sender.editText = (chatId, messageId, html) => {
      if (limited) {
        limited = false;
        return Promise.reject(new DeliveryError('rate_limited', 'Too Many Requests', { retryAfterMs: 10_000 }));
      }
      return editText(chatId, messageId, html);
    };
    const msg = createProgressMessage({ ...rec, clock: systemClock, logger: testLogger('silent'), chatIds: ['42'] });
    await msg.start('0/3');
    await vi.advanceTimersByTimeAsync(3000);
    msg.update('1/3');
    await vi.advanceTimersByTimeAsync(0);
    msg.update('2/3');
    await vi.advanceTimersByTimeAsync(9000);
    expect(rec.edits()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(rec.edits().map((e) => e.html)).toEqual(['2/3']);
  });
});
