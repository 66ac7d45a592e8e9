import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/present/html';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { createRepos } from '../../src/db/repos';
import {
  flat,
  spikeLast,
  steady,
  writeMarket,
  writeShortInterest,
  recordShortVolumeImports,
} from '../support/market-fixture';
import { sayTo } from '../support/chat-surface';
import { saveAlert, saveDay } from '../support/report-fixture';
import { oneLine } from '../support/phone-width';

// Issue 13: every view answered as of a past day D reads the store as it stood that evening, however
// much was stored after. The store holds bars, short volume, short interest, borrow, fails, threshold
// lists, pipeline runs, alerts, job runs, provider calls, tracked recommendations and positions well
// after D; each view rendered as of D must name no later date.

const D = '2021-01-27';
const LATER = '2021-03-05';
let dir: string;
let app: App;
// the process runs months later: nothing may fall back to "now" for what a past day knew
const clock = fakeClock('2021-06-10T15:00:00Z');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Every date a text names: YYYY-MM-DD (bare or in an instant), MM-DD HH:MM, and month-name dates. */
function datesIn(text: string, year: number): string[] {
  const out: string[] = [];
  const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  for (const m of text.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)) out.push(m[0]);
  for (const m of text.matchAll(/(?<![\d-])(\d{2})-(\d{2}) \d{2}:\d{2}/g)) out.push(iso(year, +m[1]!, +m[2]!));
  const month = `(${MONTHS.join('|')})[a-z]*\\.?`;
  for (const m of text.matchAll(new RegExp(`\\b${month} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'gi')))
    out.push(iso(m[3] ? +m[3] : year, MONTHS.indexOf(m[1]!.toLowerCase()) + 1, +m[2]!));
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2}) ${month}(?: (\\d{4}))?\\b`, 'gi')))
    out.push(iso(m[3] ? +m[3] : year, MONTHS.indexOf(m[2]!.toLowerCase()) + 1, +m[1]!));
  return out;
}

/**
 * Dates after D in a view, leaving out the deadlines the view computes forward from what D knew (a
 * fails balance's T+35 close-out): those are meant to lie ahead.
 */
function laterDates(text: string): string[] {
  const known = oneLine(text)
    .replace(/T\+35 \d{4}-\d\d-\d\d/g, '')
    .replace(/close-outs ahead[^:]*: [\d\-, ]+/g, '');
  return datesIn(known, 2021).filter((d) => d > D);
}

async function say(text: string) {
  const said = await sayTo(app, text, { userId: '1', userName: 'admin', chatType: 'private', asOf: D });
  const documents = said.documents.map((d) => d.content.toString('utf8').replace(/data:[^"')]+/g, ''));
  return {
    ...said,
    text: [htmlToText(said.text), ...said.photos.map((p) => p.caption ?? ''), ...documents].join('\n'),
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-as-of-'));
  app = createApp({ dbPath: join(dir, 'a.db'), env: { TELEGRAM_ADMIN_IDS: '1' }, clock, logLevel: 'silent' });
  const db = app.db;
  const sql = db.$client;
  const repos = createRepos(db);
  // bars and short volume through LATER, each short-volume day recorded as imported
  const dates = writeMarket(db, LATER, 160, {
    GME: { close: flat(20), volume: spikeLast(2_000_000, 6), shortShare: 0.5 },
    AMC: { close: flat(5), volume: steady(3_000_000), shortShare: 0.4 },
  });
  recordShortVolumeImports(db, dates);
  sql
    .prepare("INSERT INTO symbols (symbol, float_shares, source, as_of) VALUES ('GME', 50000000, 'test', '2021-01-25')")
    .run();
  writeShortInterest(db, { symbol: 'GME', settlement: '2021-01-15', published: '2021-01-27', shares: 61_800_000 });
  writeShortInterest(db, { symbol: 'GME', settlement: '2021-01-29', published: '2021-02-09', shares: 58_000_000 });
  writeShortInterest(db, { symbol: 'GME', settlement: '2021-02-12', published: '2021-02-24', shares: 30_000_000 });
  const borrow = sql.prepare(
    "INSERT INTO borrow_snapshots (symbol, taken_at, fee_rate, rebate_rate, available, source, published_on) VALUES (?, ?, ?, 0, ?, 'test', ?)",
  );
  for (const [at, fee, day] of [
    ['2021-01-26T14:45:00.000Z', 25, '2021-01-26'],
    ['2021-02-02T14:45:00.000Z', 80, '2021-02-02'],
  ] as const) {
    borrow.run('GME', at, fee, 100_000, day);
    borrow.run('#FILE', at, null, null, day);
  }
  const fails = sql.prepare(
    "INSERT INTO fails_to_deliver (symbol, settlement_date, cusip, quantity, price, file, source, published_on) VALUES ('GME', ?, '36467W109', ?, 20, ?, 'test', ?)",
  );
  fails.run('2021-01-04', 500_000, 'cnsfails202101a', '2021-01-22');
  fails.run('2021-01-20', 1_500_000, 'cnsfails202101b', '2021-02-05');
  fails.run('2021-02-03', 2_500_000, 'cnsfails202102a', '2021-02-22');
  const threshold = sql.prepare(
    "INSERT INTO threshold_list (symbol, date, market, name, source, published_on) VALUES ('GME', ?, 'nyse', 'GameStop', 'test', ?)",
  );
  threshold.run('2021-01-25', '2021-01-26');
  threshold.run('2021-02-01', '2021-02-02');
  saveDay(db, '2021-01-26', [
    { symbol: 'GME', score: 0.7, level: 'medium' },
    { symbol: 'AMC', score: 0.5 },
  ]);
  saveDay(db, '2021-02-01', [
    { symbol: 'GME', score: 0.95, level: 'high' },
    { symbol: 'AMC', score: 0.6 },
  ]);
  saveAlert(db, { symbol: 'GME', severity: 'medium', asOf: '2021-01-26', createdAt: '2021-01-26T22:46:00.000Z' });
  const later = saveAlert(db, {
    symbol: 'GME',
    severity: 'high',
    asOf: '2021-01-28',
    createdAt: '2021-01-28T22:46:00.000Z',
  });
  saveAlert(db, {
    symbol: null,
    kind: 'system',
    severity: 'warning',
    asOf: null,
    createdAt: '2026-03-01T10:00:00.000Z',
  });
  repos.alerts.ack(later, 'admin', '2021-01-29T10:00:00.000Z');
  // raised at 20:00 New York on D (01:00 UTC the next day), acknowledged two days later
  const evening = saveAlert(db, { symbol: 'AMC', severity: 'low', asOf: D, createdAt: '2021-01-28T01:00:00.000Z' });
  repos.alerts.ack(evening, 'admin', '2021-01-29T15:00:00.000Z');
  const run = repos.jobRuns.start('scan', 'schedule', '2021-02-01', new Date('2021-02-01T23:30:00.000Z'));
  repos.jobRuns.finish(run, { status: 'ok', finishedAt: new Date('2021-02-01T23:31:00.000Z') });
  const failed = repos.jobRuns.start('short_volume', 'schedule', '2021-02-02', new Date('2021-02-02T23:05:00.000Z'));
  repos.jobRuns.finish(failed, {
    status: 'failed',
    finishedAt: new Date('2021-02-02T23:06:00.000Z'),
    error: 'FINRA file for 2021-02-02 missing',
  });
  sql
    .prepare(
      `INSERT INTO provider_health (provider, calls, failures, total_ms, last_status, last_error, last_success_at, last_failure_at, circuit_state, circuit_opened_at, updated_at)
       VALUES ('finra', 10, 3, 100, '500', 'HTTP 500 on 2021-02-03', '2021-02-02T23:00:00.000Z', '2021-02-03T23:00:00.000Z', 'open', '2021-02-03T23:00:00.000Z', '2021-02-03T23:00:00.000Z')`,
    )
    .run();
  const track = sql.prepare(
    `INSERT INTO tracked_recommendations (id, origin, symbol, as_of, reason, price, score, level, features, thesis, return_7d, last_return, peak_return, success, days_tracked, status)
     VALUES (?, 'live', 'GME', ?, 'alert', 20, 0.9, 'high', '{}', 't', 0.5, 0.5, 1.2, 1, 5, 'tracking')`,
  );
  track.run('later', '2021-02-01');
  const watch = sql.prepare(
    "INSERT INTO adhoc_candidates (symbol, reason, added_by, added_at, expires_at, status, ended_at) VALUES (?, ?, 'admin', ?, ?, ?, ?)",
  );
  watch.run(
    'GME',
    'before D',
    '2021-01-20T15:00:00.000Z',
    '2021-02-03T15:00:00.000Z',
    'expired',
    '2021-02-03T15:00:00.000Z',
  );
  watch.run('AMC', 'after D', '2021-02-10T15:00:00.000Z', '2021-07-10T15:00:00.000Z', 'active', null);
  watch.run(
    'KOSS',
    'removed before D',
    '2021-01-10T15:00:00.000Z',
    '2021-02-10T15:00:00.000Z',
    'removed',
    '2021-01-25T15:00:00.000Z',
  );
  sql
    .prepare(
      `INSERT INTO position_trades (user_id, symbol, side, quantity, price, trade_date, created_at) VALUES ('1', 'AMC', 'buy', 100, 5, '2021-02-02', '2021-02-02T15:00:00.000Z')`,
    )
    .run();
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`every view as of ${D} over a store that runs to ${LATER}`, () => {
  const COMMANDS = [
    '/top',
    '/ticker GME',
    '/why GME',
    '/si GME',
    '/borrow GME',
    '/ftd GME',
    '/shortvol GME',
    '/status',
    '/alerts',
    '/alerts all',
    '/alerts GME',
    '/missed',
    '/performance',
    '/report daily',
    '/report weekly',
    '/dips',
  ];
  it.each(COMMANDS)('%s names no date after the day', async (command) => {
    const r = await say(command);
    expect(r.outcome).toBe('ok');
    expect(laterDates(r.text), r.text).toEqual([]);
  });

  it('/status judges freshness against the day: what was current then, not the store’s newest', async () => {
    const r = await say('/status');
    expect(r.text).toMatch(/✓ bars 2021-01-27 current/);
    expect(r.text).toMatch(/✓ shortinterest 2021-01-15 current/);
    expect(r.text).toMatch(/! borrow 2021-01-26 1 d behind/);
  });

  it('/alerts all lists only the alerts raised by the day, as they stood', async () => {
    const r = await say('/alerts all');
    expect(r.text).toContain('MEDIUM');
    expect(r.text).not.toContain('HIGH');
    expect(r.text).toContain('2 open of 2');
    // the evening alert reads on the market's clock, unacknowledged as it was that evening
    expect(r.text).toMatch(/AMC LOW 0\.80\n {3}2021-01-27 20:00 EST · open/);
  });

  it('/watchlist holds the tickers watched on the day; the only later date is their expiry', async () => {
    const r = await say('/watchlist');
    expect(r.text).toMatch(/GME[^\n]* · to 2021-02-03/);
    expect(r.text).not.toContain('AMC');
    expect(r.text).not.toContain('KOSS');
    expect(laterDates(r.text)).toEqual(['2021-02-03']);
  });

  it('/calendar counts forward from the day, not from the clock (its dates lie ahead by design)', async () => {
    const r = await say('/calendar');
    expect(r.text).toContain(`Market calendar — from ${D}`);
    expect(oneLine(r.text)).toContain('settles 2021-01-29 → published 2021-02-09');
    expect(r.text).toContain('closed 2021-02-15');
    expect(r.text).not.toMatch(/2021-06-1\d/);
  });
});

describe(`report daily|weekly as of ${D} in every format`, () => {
  it.each([
    ['daily', 'text'],
    ['daily', 'html'],
    ['daily', 'csv'],
    ['weekly', 'text'],
    ['weekly', 'html'],
    ['weekly', 'csv'],
  ] as const)('%s %s names no date after the day', async (kind, format) => {
    const report = app.reports.build(kind, D);
    const text =
      format === 'text'
        ? htmlToText(app.reports.messages(report).join('\n'))
        : (await app.reports.file(report, format, [])).content.toString('utf8');
    expect(report.asOf).toBe(D);
    expect(laterDates(text), text).toEqual([]);
  });

  it('the daily report holds the alerts raised by the day’s end, unacknowledged as they were then', async () => {
    const html = (await app.reports.file(app.reports.build('daily', D), 'html', [])).content.toString('utf8');
    const row = html.split('<tr>').find((tr) => tr.includes('AMC'));
    expect(row).toMatch(/<td data-label="When">2021-01-27 20:00 ET<\/td>.*<td data-label="Ack">no<\/td><\/tr>/);
    expect(html).not.toContain('HIGH GME');
  });

  it('the daily report says short interest was current on the day, not behind the store’s newest', () => {
    const text = htmlToText(app.reports.messages(app.reports.build('daily', D)).join('\n'));
    expect(text).toContain('short interest is current (2021-01-15)');
    expect(text).toContain('daily bars are current (2021-01-27)');
  });
});

describe('datesIn', () => {
  it('finds ISO dates, instants, MM-DD times and month-name dates', () => {
    expect(
      datesIn('2021-02-01, at 2021-02-02T10:00Z, 02-03 18:15, Feb 4, January 5th 2022, 6 Mar, score 0.2021-1', 2021),
    ).toEqual(['2021-02-01', '2021-02-02', '2021-02-03', '2021-02-04', '2022-01-05', '2021-03-06']);
  });
});
