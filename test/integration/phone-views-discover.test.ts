import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { COMMANDS, HELP_GROUPS } from '../../commands/index';
import { fakeClock } from '../../src/shared/clock';
import { htmlToText } from '../../src/present/html';
import { fitPhone, textWidth, visibleWidth } from '../../src/present/phone-width';
import { flat, recordShortVolumeImports, spikeLast, writeMarket, writeShortInterest } from '../support/market-fixture';
import { pressTo, sayTo, type Speaker } from '../support/chat-surface';
import { expectPhoneWidth } from '../support/phone-width';

// Issue 15: the discovery and ticker side of the chat read on a phone. Over a real store with a
// constructed market and a real /scan: every line of /top, /ticker, /why, /help, /start, /watchlist and
// /pipeline fits 36 characters, rows and cards carry the buttons that save typing, and Prev/Next edit
// the pressed message in place.

const D = '2021-01-27';
const SYMBOLS = [
  'AMC',
  'GME',
  'KOSS',
  'NOK',
  'BB',
  'BBBY',
  'NAKD',
  'EXPR',
  'SPCE',
  'PLTR',
  'NIO',
  'CLOV',
  'TLRY',
  'SNDL',
];
let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z');
const admin: Speaker = { userId: '1', userName: 'admin', chatType: 'private', asOf: D };
const viewer: Speaker = { userId: '5', userName: 'vic', chatType: 'private', asOf: D };
const trader: Speaker = { userId: '6', userName: 'tia', chatType: 'private', asOf: D };
const say = (text: string, who: Speaker = admin) => sayTo(app, text, who);
const data = (rows: { data: string }[][]) => rows.flat().map((b) => b.data);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-phone-'));
  app = createApp({ dbPath: join(dir, 'p.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
  const shapes = Object.fromEntries(
    SYMBOLS.map((s, i) => [
      s,
      { close: flat(4 + i), volume: spikeLast(1_000_000 + i * 100_000, 4 + i), shortShare: 0.5 },
    ]),
  );
  recordShortVolumeImports(app.db, writeMarket(app.db, D, 100, shapes));
  writeShortInterest(app.db, { symbol: 'GME', settlement: '2021-01-15', published: '2021-01-27', shares: 61_800_000 });
  app.chat.services.users.setRole('5', 'viewer', '1');
  app.chat.services.users.setRole('6', 'trader', '1');
  const scan = await say('/scan');
  expect(scan.outcome).toBe('ok');
}, 60_000);
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the width measure', () => {
  it('counts what Telegram shows: tags stripped, entities decoded, an emoji two cells', () => {
    expect(visibleWidth('<b>AMC</b> &amp; <code>GME</code>')).toBe(9);
    expect(textWidth('🔴 HIGH')).toBe(7);
    expect(textWidth('⚙️ x')).toBe(4);
    expect(visibleWidth('a\nabcdef')).toBe(6);
  });

  it('wraps a long line at spaces outside tags, under its bullet', () => {
    const html = `• <a href="https://x.example/a b">link</a> ${'word '.repeat(12).trim()}`;
    const out = fitPhone(html);
    expect(visibleWidth(out)).toBeLessThanOrEqual(36);
    expect(out).toContain('<a href="https://x.example/a b">link</a>');
    expect(out.split('\n')[1]).toMatch(/^ {2}word/);
    expect(htmlToText(out).replace(/\s+/g, ' ')).toBe(htmlToText(html).replace(/\s+/g, ' '));
  });
});

describe('/top', () => {
  it('shows two-line cards, a ticker button per row, Refresh and a full table', async () => {
    const r = await say('/top');
    expectPhoneWidth(r.replies);
    expect(r.text).toMatch(/1\. <b>[A-Z]+<\/b> {2}\d\.\d\d /);
    expect(r.text).toMatch(/\n {3}trig \d\.\d\d · /);
    const tickers = data(r.buttons[0]!).filter((d) => d.startsWith('run:/ticker '));
    expect(tickers.length).toBe(10);
    expect(r.buttons[0]!.every((row) => row.length <= 4)).toBe(true);
    const first = /1\. <b>([A-Z]+)<\/b>/.exec(r.text)![1]!;
    expect(r.buttons[0]![0]![0]).toEqual({ text: first, data: `run:/ticker ${first}` });
    expect(data(r.buttons[0]!)).toContain('re:/top 10 1');
    expect(data(r.buttons[0]!)).toContain('run:/top 10 csv');
  });

  it('pages past ten: Next edits the message in place with the next cards', async () => {
    const r = await say('/top 14');
    expect(data(r.buttons[0]!)).toContain('re:/top 14 2');
    expect(r.text).not.toContain('11. ');
    const next = await pressTo(app, 're:/top 14 2', { ...admin, message: { messageId: 1 } });
    expect(next.replies).toEqual([]);
    expect(next.edits).toHaveLength(1);
    expect(next.edits[0]!.messageId).toBe(1);
    expect(next.edits[0]!.html).toContain('11. ');
    expect(next.edits[0]!.html).not.toContain('\n1. ');
    expect(data(next.edits[0]!.buttons)).toContain('re:/top 14 1');
    expectPhoneWidth(next.edits[0]!.html);
    // the p2 word and the old argument alone still work
    expect((await say('/top 14 p2')).text).toContain('11. ');
    expect((await say('/top 5')).text).toContain('<b>Top 5</b>');
  });

  it('sends the whole table as a CSV file', async () => {
    const r = await say('/top 14 csv');
    expect(r.documents).toHaveLength(1);
    const csv = r.documents[0]!.content.toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('rank,ticker,score,fuel,trigger,level,top factor');
    expect(csv).toHaveLength(15);
  });
});

describe('/ticker and its detail views', () => {
  it('a card in phone lines with the buttons of what to do next', async () => {
    const r = await say('/ticker GME');
    expectPhoneWidth(r.replies);
    expect(r.text).toContain('<b>GME</b>');
    expect(data(r.buttons[0]!)).toEqual([
      'run:/chart GME',
      'run:/why GME',
      'run:/si GME',
      'run:/borrow GME',
      'run:/add GME',
      'run:/mute GME 1d',
      're:/ticker GME card',
    ]);
    expect(r.photos.length).toBe(1);
    // Refresh replaces the card and sends no second chart
    const refresh = await pressTo(app, 're:/ticker GME card', { ...admin, message: { messageId: 1 } });
    expect(refresh.edits).toHaveLength(1);
    expect(refresh.edits[0]!.html).toContain('<b>GME</b>');
    expect(refresh.photos).toEqual([]);
  });

  it('Watch turns to Unwatch once the ticker is watched; a viewer gets neither', async () => {
    await say('/add KOSS', trader);
    const watched = await say('/ticker KOSS card', trader);
    expect(data(watched.buttons[0]!)).toContain('run:/remove KOSS');
    expect(data(watched.buttons[0]!)).not.toContain('run:/add KOSS');
    const seen = await say('/ticker KOSS card', viewer);
    expect(data(seen.buttons[0]!).some((d) => /\/(add|remove|mute) /.test(d))).toBe(false);
    await say('/remove KOSS', trader);
  });

  it('/why fits the phone and goes back to the card', async () => {
    const r = await say('/why GME');
    expectPhoneWidth(r.replies);
    expect(r.text).toContain('What drove it');
    expect(data(r.buttons[0]!)).toEqual(['run:/ticker GME']);
    for (const c of ['/si GME', '/borrow GME', '/ftd GME', '/darkpool GME', '/shortvol GME'])
      expect(data((await say(c)).buttons[0]!), c).toContain('run:/ticker GME');
  });

  it('/shortvol pages its sessions in place', async () => {
    const r = await say('/shortvol GME');
    expectPhoneWidth(r.replies);
    expect(data(r.buttons[0]!)).toContain('re:/shortvol GME 2');
    const next = await pressTo(app, 're:/shortvol GME 2', { ...admin, message: { messageId: 1 } });
    expect(next.edits[0]!.html).toContain('page 2/');
  });
});

describe('/help and /start', () => {
  it('every command is in exactly one help group', () => {
    const listed = HELP_GROUPS.flatMap((g) => g.commands);
    const missing = COMMANDS.map((c) => c.name).filter((n) => !listed.includes(n));
    expect(missing).toEqual([]);
    const twice = listed.filter((n, i) => listed.indexOf(n) !== i);
    expect(twice).toEqual([]);
    // the menu runs group by group
    const order = COMMANDS.map((c) => HELP_GROUPS.findIndex((g) => g.commands.includes(c.name)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('/help shows the groups as buttons; a viewer never sees Admin', async () => {
    const r = await say('/help');
    expectPhoneWidth(r.replies);
    expect(data(r.buttons[0]!)).toEqual(HELP_GROUPS.map((g) => `re:/help ${g.key}`));
    const v = await say('/help', viewer);
    expect(v.text).not.toContain('Admin');
    expect(data(v.buttons[0]!)).not.toContain('re:/help admin');
    expect((await say('/help admin', viewer)).text).not.toContain('/users');
  });

  it('a group lists its commands with a back button; /help top stays the command', async () => {
    const press = await pressTo(app, 're:/help discover', { ...admin, message: { messageId: 3 } });
    const g = press.edits[0]!;
    expectPhoneWidth(g.html);
    expect(g.html).toContain('<b>/top</b>');
    expect(g.html).not.toContain('/ticker');
    expect(data(g.buttons)).toContain('run:/help top');
    expect(data(g.buttons)).toContain('re:/help');
    const top = await say('/help top');
    expectPhoneWidth(top.replies);
    expect(top.text).toContain('Usage: <code>/top');
    expect(data(top.buttons[0]!)).toEqual(['re:/help discover']);
  });

  it('/start says what the bot does and offers first steps by role', async () => {
    const v = await say('/start', viewer);
    expectPhoneWidth(v.replies);
    expect(v.text.split('\n').length).toBeLessThanOrEqual(8);
    expect(data(v.buttons[0]!)).toEqual([
      'run:/top',
      'run:/help ticker',
      'run:/alerts',
      'run:/help settings',
      'run:/help',
    ]);
    const t = await say('/start', trader);
    expect(data(t.buttons[0]!)).toContain('run:/watchlist');
    expect(data(t.buttons[0]!)).toContain('run:/portfolio');
  });
});

describe('/watchlist and /pipeline', () => {
  it('/watchlist as cards, each ticker a button, paged past ten', async () => {
    for (const s of SYMBOLS.slice(0, 12))
      await say(`/add ${s} 14d squeeze set-up with a reason long enough to wrap`, trader);
    const r = await say('/watchlist', trader);
    expectPhoneWidth(r.replies);
    expect(data(r.buttons[0]!)).toContain(`run:/ticker ${SYMBOLS[0]}`);
    expect(data(r.buttons[0]!)).toContain('re:/watchlist 2');
    const next = await pressTo(app, 're:/watchlist 2', { ...trader, message: { messageId: 1 } });
    expect(next.edits[0]!.html).toContain(`<b>${SYMBOLS[11]}</b>`);
    expect(next.edits[0]!.html).not.toContain(`<b>${SYMBOLS[0]}</b>`);
    for (const s of SYMBOLS.slice(0, 12)) await say(`/remove ${s}`, trader);
  });

  it('/pipeline in stage lines that fit', async () => {
    const r = await say('/pipeline');
    expectPhoneWidth(r.replies);
    expect(r.text).toMatch(/price filter \d+ → \d+ · /);
    expect(r.text).not.toContain('<pre>');
  });
});

// The mechanism, not the one view: every command's own example (the line /help shows) through the real
// core, each reply and each button's label, held to a phone bubble — a new command that prints a wide
// table fails here. Wide <pre> tables left on purpose are named with the reason.
const WIDE_ON_PURPOSE: Readonly<Record<string, string>> = {
  darkpool: 'OTC weekly tiers stay a monospace table (columns compare across weeks)',
};

describe('every command on a phone', () => {
  it('answers its /help example in lines of at most 36 columns', async () => {
    const wide: string[] = [];
    for (const def of COMMANDS) {
      if (WIDE_ON_PURPOSE[def.name]) continue;
      const r = await say(def.example);
      // a narrow <pre> table is fine; one wider than the bubble scrolls sideways on a phone
      for (const html of [...r.replies, ...r.edits.map((e) => e.html)])
        for (const line of visibleLinesOf(html)) if (textWidth(line) > 36) wide.push(`${def.example}: ${line}`);
      // a button's label must fit a third of the bubble's row or it is cut on the phone
      for (const b of r.buttons.flat(2)) if (textWidth(b.text) > 24) wide.push(`${def.example}: button "${b.text}"`);
    }
    expect(wide).toEqual([]);
  }, 60_000);
});

function visibleLinesOf(html: string): string[] {
  return htmlToText(html.replace(/<[^>]*>/g, '')).split('\n');
}
