import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_ACCESS } from '../../src/chat/access-requests';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { buttonData, pressTo, sayTo } from '../support/chat-surface';

// /users through the real chat core over a temp SQLite file: every change asks old → new first and
// nothing changes before Confirm; an id the bot never saw is named as such; `role` does not add a
// stranger; the last admin stays; a stranger's "Request access" is stored once and listed.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z');

function open(adminIds: string) {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-users-'));
  app = createApp({ dbPath: join(dir, 'u.db'), env: { TELEGRAM_ADMIN_IDS: adminIds }, clock, logLevel: 'silent' });
}
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = { userId: '1', userName: 'Ann', chatType: 'private' as const };
const role = (id: string) => app.chat.services.users.roleOf(id);
const confirm = (said: Awaited<ReturnType<typeof sayTo>>) =>
  pressTo(app, buttonData(said, 'ok:'), { ...admin, message: { messageId: 1 } });

describe('/users asks before a change', () => {
  it('add: shows no role → the new one, says the id never wrote, and changes nothing before Confirm', async () => {
    open('1');
    const asked = await sayTo(app, '/users add 777 trader', admin);
    expect(asked.text).toContain('<code>777</code>: no role → <b>trader</b>');
    expect(asked.text).toContain('777 has never written to this bot');
    expect(role('777')).toBeNull();
    const done = await confirm(asked);
    expect(done.edits[0]!.html).toContain('Added 777 as <b>trader</b>');
    expect(role('777')).toBe('trader');
  });

  it('add: a stranger who asked for access is not called unknown, and their request is answered', async () => {
    open('1');
    const pressed = await pressTo(app, REQUEST_ACCESS, { userId: '777', userName: 'bob', chatType: 'private' });
    expect(pressed.outcome).toBe('ok');
    const listed = await sayTo(app, '/users', admin);
    expect(listed.text).toContain('Asking for access');
    expect(listed.text).toContain('bob · id <code>777</code>');
    const asked = await sayTo(app, '/users add 777 viewer', admin);
    expect(asked.text).not.toContain('never written');
    await confirm(asked);
    expect(role('777')).toBe('viewer');
    expect(app.repos.accessRequests.get('777')).toMatchObject({ status: 'approved', role: 'viewer', decidedBy: 'Ann' });
    expect((await sayTo(app, '/users', admin)).text).not.toContain('Asking for access');
  });

  it('role: refuses an id that is not a user instead of adding it', async () => {
    open('1');
    const r = await sayTo(app, '/users role 777 admin', admin);
    expect(r.text).toContain('777 is not a user; <code>/users add 777 admin</code> adds them');
    expect(r.buttons.flat()).toEqual([]);
    expect(role('777')).toBeNull();
  });

  it('role and remove: old → new, applied only on Confirm', async () => {
    open('1');
    app.chat.services.users.setRole('5', 'viewer', '1');
    const asked = await sayTo(app, '/users role 5 admin', admin);
    expect(asked.text).toContain('<code>5</code>: viewer → <b>admin</b>');
    expect(asked.text).not.toContain('never written');
    expect(role('5')).toBe('viewer');
    await confirm(asked);
    expect(role('5')).toBe('admin');
    const removing = await sayTo(app, '/users remove 5', admin);
    expect(removing.text).toContain('<code>5</code>: admin → no role');
    expect(role('5')).toBe('admin');
    await confirm(removing);
    expect(role('5')).toBeNull();
  });

  it('refuses to remove or demote the last admin, and an admin of TELEGRAM_ADMIN_IDS', async () => {
    open('');
    app.chat.services.users.setRole('9', 'admin', 'console');
    const removing = await sayTo(app, '/users remove 9');
    expect(removing.text).toContain('9 is the last admin');
    expect(removing.buttons.flat()).toEqual([]);
    expect((await sayTo(app, '/users role 9 viewer')).text).toContain('9 is the last admin');
    expect(role('9')).toBe('admin');
    app.close();
    rmSync(dir, { recursive: true, force: true });
    open('1');
    expect((await sayTo(app, '/users remove 1', admin)).text).toContain('admin through TELEGRAM_ADMIN_IDS');
  });
});

describe('Request access', () => {
  it('stores one pending request per stranger; a repeat press is answered "already requested"', async () => {
    open('1');
    const stranger = { userId: '777', userName: 'bob', chatType: 'private' as const, message: { messageId: 3 } };
    const first = await pressTo(app, REQUEST_ACCESS, stranger);
    expect(first.edits[0]).toMatchObject({ messageId: 3 });
    expect(app.repos.accessRequests.get('777')).toMatchObject({ status: 'pending', name: 'bob', chatId: '777' });
    const again = await pressTo(app, REQUEST_ACCESS, stranger);
    expect(again.outcome).toBe('ignored');
    expect(again.answers).toEqual(['Already requested — an admin will answer you here.']);
    expect(again.edits).toEqual([]);
    // a stranger cannot decide their own request
    const self = await pressTo(app, 'acc:trader:777', stranger);
    expect(self.outcome).toBe('refused');
    expect(role('777')).toBeNull();
  });

  it('the refusal to a stranger in a private chat carries the button', async () => {
    open('1');
    const r = await sayTo(app, '/top', { userId: '777', chatType: 'private' });
    expect(r.outcome).toBe('refused');
    expect(buttonData(r, 'req:')).toBe(REQUEST_ACCESS);
  });
});
