import { oneLine } from '../support/phone-width';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { htmlToText } from '../../src/present/html';
import { tickerChartModel } from '../../src/reports/charts/ticker-chart';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { flat, writeMarket, writeShortInterest } from '../support/market-fixture';

// Issue 13: one report, one day, three days-to-cover figures (/si 2.6, the score 1.12, the chart 1.04).
// Volume grows every session, so the 20 sessions to the settlement, the 20 to publication and the 20 to
// the day asked about all give different averages: any view still on its own window disagrees here.

const AS_OF = '2021-01-22';
const SHARES = 680_000_000;
const volumeOn = (i: number, n: number) => 1_000_000 * 1.04 ** i * (i === n - 1 ? 6 : 1);
let dates: string[] = [];
let dir: string;
let app: App;

async function say(text: string) {
  const said = await sayTo(app, text, { userId: '1', userName: 'u1', chatType: 'private', asOf: AS_OF });
  return { ...said, text: htmlToText(said.text) };
}
const one = (text: string, re: RegExp): string => {
  const m = re.exec(text);
  if (!m) throw new Error(`${re} not found in:\n${text}`);
  return m[1]!;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-dtc-'));
  app = createApp({
    dbPath: join(dir, 'd.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-01-23T01:00:00Z'),
    logLevel: 'silent',
  });
  // 1M a day rising 4% a session, 6× on the last: the day's ADV20 is far above the settlement's
  dates = writeMarket(app.db, AS_OF, 140, { GME: { close: flat(20), volume: volumeOn } });
  writeShortInterest(app.db, { symbol: 'GME', settlement: '2020-12-31', published: '2021-01-12', shares: SHARES });
  await app.pipeline.run({ asOf: AS_OF });
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('days to cover reads the same in every view', () => {
  it('/si, the card, /why, the chart notes, the CSV and the HTML report show one figure', async () => {
    const si = one((await say('/si GME')).text, /12-31 \S+ sh \S+ · DTC ([\d.]+)/);
    const card = one((await say('/ticker GME')).text, /Days to cover\s+([\d.]+)/);
    const why = one(oneLine((await say('/why GME')).text), /\(days to cover\) ([\d.]+) →/);
    const chart = tickerChartModel(app.repos, app.loaded.config, 'GME', { asOf: AS_OF, range: '3m' });
    const notes = chart.panels.flatMap((p) => p.notes).join('\n');
    const chartDtc = one(notes, /days to cover (\d+(?:\.\d+)?)/);

    const csv = (await say('/report daily csv')).documents[0]!.content.toString().split('\n');
    const header = csv.find((l) => l.includes('days_to_cover'))!.split(',');
    const row = csv.find((l) => l.split(',').includes('GME'))!.split(',');
    const csvDtc = Number(row[header.indexOf('days_to_cover')]);

    const html = parse((await say('/report daily html')).documents[0]!.content.toString());
    const table = html.querySelectorAll('table').find((t) => t.querySelector('a[href="#def-days_to_cover"]'))!;
    const col = table.querySelectorAll('thead th').findIndex((th) => th.text.trim() === 'DTC');
    const gme = table.querySelectorAll('tbody tr').find((tr) => tr.querySelector('b')?.text === 'GME')!;
    const htmlDtc = gme.querySelectorAll('td')[col]!.text.trim();

    // the figure itself: the shares over the 20 sessions ending 2020-12-31, not a later window
    const adv = (last: string) => {
      const end = dates.indexOf(last);
      const window = dates.slice(end - 19, end + 1).map((_, k) => volumeOn(end - 19 + k, dates.length));
      return window.reduce((a, b) => a + b, 0) / 20;
    };
    expect(csvDtc).toBeCloseTo(SHARES / adv('2020-12-31'), 6);
    for (const later of ['2021-01-12', AS_OF]) expect((SHARES / adv(later)).toFixed(1)).not.toBe(csvDtc.toFixed(1));
    // each view shows the CSV's full-precision figure rounded to its own displayed digits
    const atShownPrecision = (shown: string) => csvDtc.toFixed(shown.split('.')[1]?.length ?? 0);
    const shown = { si, card, why, chart: chartDtc, html: htmlDtc };
    expect(Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, atShownPrecision(v)]))).toEqual(shown);
    expect(why).toMatch(/^\d+\.\d\d$/);
  });
});
