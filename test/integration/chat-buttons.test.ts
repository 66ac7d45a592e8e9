import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { STALE_BUTTON } from '../../src/chat/chat-core';
import { CONFIRM_TTL_MS } from '../../src/chat/confirmations';
import { button, MAX_CALLBACK_BYTES, pagerRow } from '../../src/present/buttons';
import { fakeClock } from '../../src/shared/clock';
import { buttonData, pressTo, sayConfirmed, sayTo } from '../support/chat-surface';

// The buttons every message may carry, through the real chat core and app wiring over a temp SQLite
// file: a command behind a button, an answer put in place of the pressed message, and Confirm/Cancel
// before admin changes (nothing changes until the asker confirms; a stale press changes nothing).

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z');
const KEY = 'alerting.thresholds.high.squeeze_score';
const high = () => app.settings.current().alerting.thresholds.high.squeeze_score;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-buttons-'));
  app = createApp({ dbPath: join(dir, 'b.db'), env: { TELEGRAM_ADMIN_IDS: '1,2' }, clock, logLevel: 'silent' });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('confirm before an admin change', () => {
  it('/set shows old → new and changes nothing until Confirm; Confirm applies it once', async () => {
    const asked = await sayTo(app, `/set ${KEY} 0.5`, { userId: '1' });
    expect(asked.text).toContain('0.46</code> → <code>0.5');
    expect(high()).toBe(0.46);
    const ok = buttonData(asked, 'ok:');
    const pressed = await pressTo(app, ok, { userId: '1', message: { messageId: 1 } });
    expect(pressed.outcome).toBe('ok');
    expect(high()).toBe(0.5);
    // the question is replaced by the result, its buttons gone
    expect(pressed.edits).toHaveLength(1);
    expect(pressed.edits[0]!.html).toContain('In effect now');
    expect(pressed.edits[0]!.buttons).toEqual([]);
    const again = await pressTo(app, ok, { userId: '1', message: { messageId: 1 } });
    expect(again.answers[0]).toMatch(/expired or was already answered/);
    expect(again.edits).toEqual([]);
  });

  it('Cancel changes nothing and says so in place', async () => {
    const asked = await sayTo(app, `/set ${KEY} 0.5`, { userId: '1' });
    const cancelled = await pressTo(app, buttonData(asked, 'no:'), { userId: '1', message: { messageId: 1 } });
    expect(cancelled.edits[0]!.html).toBe('Cancelled — nothing changed.');
    expect(high()).toBe(0.46);
    // the Confirm of a cancelled question no longer works
    await pressTo(app, buttonData(asked, 'ok:'), { userId: '1' });
    expect(high()).toBe(0.46);
  });

  it('only the asker may confirm, in the chat it was asked in, within the time limit', async () => {
    const asked = await sayTo(app, `/set ${KEY} 0.5`, { userId: '1', chatId: '-100', chatType: 'group' });
    const ok = buttonData(asked, 'ok:');
    const other = await pressTo(app, ok, { userId: '2', chatId: '-100', chatType: 'group' });
    expect(other.answers[0]).toBe('Only the person who asked can confirm this.');
    const elsewhere = await pressTo(app, ok, { userId: '1', chatId: '1', chatType: 'private' });
    expect(elsewhere.answers[0]).toMatch(/expired/);
    clock.advance(CONFIRM_TTL_MS + 1);
    const late = await pressTo(app, ok, { userId: '1', chatId: '-100', chatType: 'group' });
    expect(late.answers[0]).toMatch(/expired/);
    expect(high()).toBe(0.46);
  });

  it('a refused value is refused at once, with no question', async () => {
    const bad = await sayTo(app, `/set ${KEY} 7`, { userId: '1' });
    expect(bad.outcome).toBe('usage');
    expect(bad.buttons.flat()).toEqual([]);
  });

  it('asks before /emergency_off and /reset', async () => {
    const off = await sayTo(app, '/emergency_off', { userId: '1' });
    expect(off.text).toContain('Stop all alert delivery?');
    expect(app.alerting.delivery.emergency().disabled).toBe(false);
    await pressTo(app, buttonData(off, 'ok:'), { userId: '1' });
    expect(app.alerting.delivery.emergency().disabled).toBe(true);
  });
});

describe('buttons that run commands', () => {
  it('run: answers as if the command were typed, as a new message', async () => {
    const r = await pressTo(app, 'run:/help top', { userId: '1' });
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('<b>/top</b>');
    expect(r.edits).toEqual([]);
  });

  it('re: puts the answer in place of the pressed message', async () => {
    const r = await pressTo(app, 're:/help top', { userId: '1', message: { messageId: 42 } });
    expect(r.replies).toEqual([]);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]).toMatchObject({ messageId: 42 });
    expect(r.edits[0]!.html).toContain('<b>/top</b>');
  });

  it('a button runs only what its presser may run', async () => {
    await sayConfirmed(app, '/users add 5 viewer', { userId: '1' });
    const r = await pressTo(app, 'run:/scan', { userId: '5' });
    expect(r.outcome).toBe('forbidden');
  });

  it('answers a button of an older version politely', async () => {
    const r = await pressTo(app, 'gone:1', { userId: '1' });
    expect(r.answers).toEqual([STALE_BUTTON]);
  });
});

describe('callback data', () => {
  it('refuses data over 64 bytes when the button is made', () => {
    expect(() => button('x', `run:/why ${'A'.repeat(MAX_CALLBACK_BYTES)}`)).toThrow(/64/);
    expect(() => button('é', 'é'.repeat(32))).not.toThrow(); // 64 bytes exactly
    expect(() => button('é', 'é'.repeat(33))).toThrow(/66 bytes/);
  });

  it('pages with Prev/Next around a page label', () => {
    expect(pagerRow(1, 1, (n) => `/alerts all ${n}`)).toEqual([]);
    expect(pagerRow(2, 3, (n) => `/alerts all ${n}`).map((b) => b.data)).toEqual([
      're:/alerts all 1',
      'noop:',
      're:/alerts all 3',
    ]);
  });
});
