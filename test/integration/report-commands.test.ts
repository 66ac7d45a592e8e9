import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/present/html';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { flat, spikeLast, steady, writeMarket, writeShortInterest } from '../support/market-fixture';
import { sayTo } from '../support/chat-surface';
import { saveAlert, saveDay } from '../support/report-fixture';
import { oneLine } from '../support/phone-width';

// /report and the short-data views through the real chat core and app wiring, over a constructed store.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-26T14:00:00Z'); // 09:00 New York, Tuesday 2021-01-26

async function say(text: string, userId = '1') {
  const said = await sayTo(app, text, { userId, userName: `user${userId}`, chatType: 'private' });
  return { ...said, text: htmlToText(said.text) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-report-cmd-'));
  app = createApp({ dbPath: join(dir, 'r.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
  const db = app.db;
  writeMarket(db, '2021-01-25', 140, {
    GME: { close: flat(20), volume: spikeLast(2_000_000, 6), shortShare: 0.5 },
    AMC: { close: flat(5), volume: steady(3_000_000), shortShare: 0.4 },
  });
  writeShortInterest(db, {
    symbol: 'GME',
    settlement: '2020-12-31',
    published: '2021-01-12',
    shares: 68_000_000,
    previous: 61_000_000,
  });
  writeShortInterest(db, { symbol: 'GME', settlement: '2021-01-15', published: '2021-01-27', shares: 61_800_000 }); // not out yet on the 26th
  db.$client
    .prepare("INSERT INTO symbols (symbol, float_shares, source, as_of) VALUES ('GME', 50000000, 'test', '2021-01-25')")
    .run();
  const facility = db.$client.prepare(
    "INSERT INTO short_volume (symbol, date, facility, short_volume, short_exempt_volume, total_volume, source, published_on) VALUES ('GME', '2021-01-25', ?, ?, 0, ?, 'test', '2021-01-25')",
  );
  facility.run('FNRA', 3_000_000, 5_000_000);
  facility.run('FNSQ', 600_000, 1_000_000);
  const otc = db.$client.prepare(
    "INSERT INTO otc_weekly (symbol, week_start, tier, summary_type, shares, source, published_on) VALUES ('GME', ?, 'T1', ?, ?, 'test', ?)",
  );
  for (const [week, pub] of [
    ['2020-12-28', '2021-01-11'],
    ['2021-01-04', '2021-01-19'],
  ] as const) {
    otc.run(week, 'ATS_W_SMBL', 1_000_000, pub);
    otc.run(week, 'OTC_W_SMBL', 3_000_000, pub);
  }
  saveDay(db, '2021-01-22', [
    { symbol: 'GME', score: 0.7 },
    { symbol: 'AMC', score: 0.5 },
  ]);
  saveDay(db, '2021-01-25', [
    { symbol: 'GME', score: 0.88, level: 'high' },
    { symbol: 'AMC', score: 0.5 },
    { symbol: 'KOSS', score: 0.45 },
  ]);
  saveAlert(db, { symbol: 'GME', severity: 'high', asOf: '2021-01-25', createdAt: '2021-01-25T22:46:00.000Z' });
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/report', () => {
  it('sends the daily report as text and the HTML file as a document', async () => {
    const r = await say('/report daily');
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('Daily report — 2021-01-25');
    expect(r.text).toMatch(/1\. GME 0\.88 ▲\+0\.18 HIGH/);
    expect(r.text).toContain('KOSS (#3, 0.45)');
    expect(r.documents.map((d) => d.filename)).toEqual(['squeezebot-daily-2021-01-25.html']);
    const doc = parse(r.documents[0]!.content.toString('utf8'));
    expect(doc.querySelectorAll('#top tbody tr')).toHaveLength(3);
    // each ranked name's ticker chart, embedded
    const imgs = doc.querySelectorAll('#charts img').map((i) => i.getAttribute('src')!);
    expect(imgs).toHaveLength(3);
    for (const src of imgs)
      expect(Buffer.from(src.replace('data:image/png;base64,', ''), 'base64').subarray(1, 4).toString('latin1')).toBe(
        'PNG',
      );
  });

  it('sends the CSV when asked, and the weekly summary', async () => {
    const csv = await say('/report daily csv');
    expect(csv.documents[0]!.filename).toBe('squeezebot-daily-2021-01-25.csv');
    expect(csv.documents[0]!.content.toString('utf8').split('\r\n')[1]).toMatch(/^2021-01-25,1,GME,0\.88,0\.7,/);
    const weekly = await say('/report weekly');
    // the chat text wraps at 36 columns
    expect(weekly.text.replace(/\s+/g, ' ')).toContain('Weekly summary — 2021-01-25 to 2021-01-25');
    expect(weekly.documents.map((d) => d.filename)).toEqual([
      'squeezebot-weekly-2021-01-25.html',
      'squeezebot-weekly-2021-01-25.csv',
    ]);
  });

  it('answers a wrong report name with the usage', async () => {
    const r = await say('/report monthly');
    expect(r.outcome).toBe('usage');
    expect(r.text).toContain('report is one of daily, weekly');
  });
});

describe('short-data views', () => {
  it('/si lists only reports published by the day, with recomputed days to cover and % float', async () => {
    const r = await say('/si gme');
    expect(r.outcome).toBe('ok');
    expect(r.text).toMatch(/12-31 68\.0M sh \+11% · DTC [\d.]+\n {3}136% float · q \S+ · pub 01-12/);
    expect(r.text).not.toMatch(/^01-15 /m);
    // then the ticker chart over a year
    expect(r.photos).toHaveLength(1);
    expect(r.photos[0]!.png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('/shortvol shows 15 sessions newest first, ten a page, and the facility split', async () => {
    const r = await say('/shortvol GME');
    const rows = r.text.split('\n').filter((l) => /^\d\d-\d\d\s/.test(l));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/^01-25/);
    expect(r.text).toMatch(/FNRA\s+3\.00M\s+60\.0%\s+83%/);
    expect(oneLine(r.text)).toContain('not a market short ratio');
    const second = await say('/shortvol GME 2');
    expect(second.text.split('\n').filter((l) => /^\d\d-\d\d\s/.test(l))).toHaveLength(5);
  });

  it('/darkpool shows published OTC weeks with participation and never a direction', async () => {
    const r = await say('/darkpool GME');
    expect(r.text).toMatch(/21-01-04\s+T1\s+1\.00M\s+3\.00M\s+4\.00M\s+[\d.]+%/);
    expect(r.text).toMatch(/anchored/);
    expect(r.text).toContain('OTC direction is never observable');
  });

  it('/basket lists the baskets, aggregates one with coverage and refuses an unknown name', async () => {
    expect(oneLine((await say('/basket')).text)).toContain('meme: GME, AMC, BB, KOSS, NOK, BBBY');
    const meme = await say('/basket MEME');
    expect(oneLine(meme.text)).toContain('Coverage 33%: 2 of 6 with data; missing BB, KOSS, NOK, BBBY');
    expect(meme.text).toMatch(/Short ratio \d+\.\d%/);
    const none = await say('/basket nope');
    expect(none.outcome).toBe('usage');
    expect(none.text).toContain('No basket "nope"');
  });

  it('/calendar gives the next settlement, publications per OTC tier and holidays', async () => {
    const r = await say('/calendar');
    expect(oneLine(r.text)).toContain('settles 2021-01-29 → published 2021-02-09');
    expect(oneLine(r.text)).toContain('next publication 2021-01-27 (settled 2021-01-15)');
    // the newest T1 week out by the 26th is that of the 11th (published the 25th); T2 lags 4 weeks
    expect(oneLine(r.text)).toContain('T1: week of 2021-01-18 → published 2021-02-01');
    expect(oneLine(r.text)).toContain('T2: week of 2021-01-04 → published 2021-02-01');
    expect(oneLine(r.text)).toContain("closed 2021-02-15 — Washington's Birthday");
    expect(oneLine(r.text)).toContain('closes 13:00 ET 2021-11-26');
  });
});
