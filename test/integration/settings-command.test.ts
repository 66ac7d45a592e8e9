import { oneLine } from '../support/phone-width';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyOptions, SentMessage } from '../../src/chat/chat-context';
import type { ReplySurface } from '../../src/chat/chat-core';
import { createApp, type App } from '../../src/main';
import { htmlToText } from '../../src/present/html';
import { fakeClock } from '../../src/shared/clock';
import { writeMarket } from '../support/market-fixture';
import { sayTo } from '../support/chat-surface';

// /settings through the real chat core and app wiring: a user's own time zone, alert levels, digest
// and chart range, typed or pressed; every instant a command shows then reads in that zone.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T00:00:00Z'); // 19:00 New York on the 27th, 01:00 Berlin on the 28th

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-settings-'));
  app = createApp({ dbPath: join(dir, 's.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
  app.chat.services.users.setRole('5', 'viewer', '1');
  app.chat.services.users.setRole('6', 'trader', '1');
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A surface that keeps each reply's options (buttons) and each edit. */
function surface() {
  const replies: { html: string; options?: ReplyOptions }[] = [];
  const edits: { message: SentMessage; html: string; options?: ReplyOptions }[] = [];
  const s: ReplySurface = {
    reply: async (html, options) => {
      replies.push({ html, options });
      return { messageId: replies.length };
    },
    replyPhoto: async (_png, caption, options) => {
      replies.push({ html: caption ?? '', options });
      return { messageId: replies.length };
    },
    replyDocument: async () => ({ messageId: 0 }),
    edit: async (message, html, options) => void edits.push({ message, html, options }),
    action: async () => {},
  };
  return { s, replies, edits };
}

const who = (userId: string) => ({ userId, userName: `user${userId}`, chatId: userId, chatType: 'private' as const });

async function say(text: string, userId = '5') {
  const r = surface();
  const outcome = await app.chat.core.handleCommand({ ...who(userId), text, surface: r.s });
  return { outcome, ...r, text: r.replies.map((x) => x.html).join('\n') };
}

async function press(data: string, userId = '5') {
  const r = surface();
  const answers: (string | undefined)[] = [];
  const outcome = await app.chat.core.handleButton({
    ...who(userId),
    data,
    message: { messageId: 77 },
    surface: r.s,
    answer: async (t) => void answers.push(t),
  });
  return { outcome, answers, ...r };
}

describe('/settings', () => {
  it('shows the defaults on short lines, with buttons whose data fits Telegram', async () => {
    const r = await say('/settings');
    expect(r.outcome).toBe('ok');
    const text = htmlToText(r.text);
    expect(text).toContain('Time zone: America/New_York (EST)');
    expect(text).toContain('Chart range: 3m');
    expect(text).toContain('Daily digest here: off');
    expect(text).toContain('dip (positions): on');
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(36);
    const buttons = r.replies[0]!.options!.buttons!.flat();
    expect(buttons.map((b) => b.data)).toContain('set:n:high:silent');
    expect(buttons.map((b) => b.data)).toContain('set:c:6m');
    expect(buttons.map((b) => b.data)).toContain('set:d:1');
    for (const b of buttons) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
  });

  it('changes the time zone, and every time a command shows then reads in it', async () => {
    const before = await sayTo(app, '/mute GME 1d', { ...who('6') });
    expect(oneLine(before.text)).toContain('until 2021-01-28 19:00 EST');
    const set = await say('/settings tz europe/berlin', '6');
    expect(set.outcome).toBe('ok');
    expect(htmlToText(set.text)).toContain('Time zone: Europe/Berlin (CET)');
    expect(app.repos.userPrefs.get('6')).toMatchObject({ timeZone: 'Europe/Berlin', updatedBy: '6' });
    const after = await sayTo(app, '/mute GME 1d', { ...who('6') });
    expect(oneLine(after.text)).toContain('until 2021-01-29 01:00 CET');
    // another user keeps the default
    expect((await say('/settings', '5')).text).toContain('America/New_York (EST)');
  });

  it('answers a bad argument with a plain sentence and the usage line, and stores nothing', async () => {
    for (const [words, says] of [
      ['tz Berlin', '&quot;Berlin&quot; is not a time zone; give a zone name like Europe/Berlin'],
      ['tz', 'give one a zone name like Europe/Berlin'],
      ['chart 9m', '&quot;9m&quot; is not a chart range; give 1m, 3m, 6m, 1y'],
      ['digest maybe', 'the digest is on or off'],
      ['alerts dips off', '&quot;dips&quot; is not an alert kind'],
      ['alerts dip loud', '&quot;loud&quot; is not a level; levels: on, silent, off'],
      ['colour blue', '&quot;colour&quot; is not a setting'],
    ] as const) {
      const r = await say(`/settings ${words}`);
      expect(r.outcome, words).toBe('usage');
      expect(oneLine(r.text), words).toContain(says);
      expect(oneLine(r.text), words).toContain('Usage: <code>/settings');
    }
    expect(app.repos.userPrefs.get('5')).toBeUndefined();
  });

  it('sets alert levels, the digest and the chart range by words', async () => {
    await say('/settings alerts dip silent');
    await say('/settings alerts all off');
    await say('/settings alerts high on');
    await say('/settings digest off');
    const r = await say('/settings chart 6m');
    const text = htmlToText(r.text);
    expect(text).toContain('high squeeze: on');
    expect(text).toContain('dip (positions): off');
    expect(text).toContain('Daily digest here: off');
    expect(text).toContain('Chart range: 6m');
    expect(app.repos.userPrefs.get('5')).toMatchObject({ chartRange: '6m', digest: false });
  });

  it('changes a setting from a button and redraws the message in place', async () => {
    const r = await press('set:n:dip:silent');
    expect(r.outcome).toBe('ok');
    expect(r.replies).toEqual([]);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]!.message).toEqual({ messageId: 77 });
    expect(htmlToText(r.edits[0]!.html)).toContain('dip (positions): silent');
    // the redrawn button moves the level on again
    expect(r.edits[0]!.options!.buttons!.flat().map((b) => b.data)).toContain('set:n:dip:off');
    expect(r.answers).toEqual(['Saved']);
    expect((await press('set:c:1m')).edits[0]!.html).toContain('Chart range: 1m');
    expect((await press('set:d:0')).edits[0]!.html).toContain('Daily digest here: off');
    expect(app.repos.userPrefs.get('5')).toMatchObject({ notify: { dip: 'silent' }, chartRange: '1m', digest: false });
    const broken = await press('set:n:dip:loud');
    expect(broken.answers).toEqual(['This button is broken.']);
    expect(broken.edits).toEqual([]);
  });

  it('draws /chart over the user’s own range when none is given', async () => {
    writeMarket(app.db, '2021-01-27', 400, { GME: { close: () => 20, volume: () => 1_000_000, shortShare: 0.5 } });
    const chart = async (text: string) => {
      const r = surface();
      await app.chat.core.handleCommand({ ...who('5'), text, asOf: '2021-01-27', surface: r.s });
      return r.replies.at(-1)!.html;
    };
    expect(await chart('/chart GME')).toContain('GME</b> · 3m to 2021-01-27');
    await say('/settings chart 1y');
    expect(await chart('/chart GME')).toContain('GME</b> · 1y to 2021-01-27');
    expect(await chart('/chart GME 1m')).toContain('GME</b> · 1m to 2021-01-27');
  });
});
