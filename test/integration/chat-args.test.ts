import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oneLine, sayTo } from '../support/chat-surface';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';

// Issue 13, through the real chat core and app wiring over a temp SQLite file: words that used to be read
// silently some other way (a TTL as the reason, 1,5 as 15, 1e23 shares) get the usage line and store
// nothing; tickers with digits (FINRA/OTC symbols such as R007) and share classes are accepted.

let dir: string;
let app: App;
const clock = fakeClock('2021-01-28T01:00:00Z'); // 20:00 New York on 2021-01-27

// replies are HTML: quotes come back as &quot;
const say = async (text: string) => {
  const r = await sayTo(app, text);
  return { ...r, text: oneLine(r.text.replaceAll('&quot;', '"')) };
};
const adhoc = () =>
  app.db.$client.prepare(`SELECT symbol, reason, expires_at AS expiresAt FROM adhoc_candidates`).all() as {
    symbol: string;
    reason: string | null;
    expiresAt: string;
  }[];
const trades = () => app.db.$client.prepare(`SELECT COUNT(*) AS n FROM position_trades`).get() as { n: number };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-chat-args-'));
  app = createApp({ dbPath: join(dir, 'a.db'), env: {}, clock, logLevel: 'silent' });
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/add reads a duration after the ticker as the TTL, never as the reason', () => {
  it('/add MSFT 1y watches MSFT for a year, with no reason', async () => {
    const r = await say('/add MSFT 1y');
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('Added <b>MSFT</b> until 2022-01-28.');
    const [row, ...more] = adhoc();
    expect(more).toEqual([]);
    expect(row).toMatchObject({ symbol: 'MSFT', reason: null });
    expect(row?.expiresAt.slice(0, 10)).toBe('2022-01-28');
  });

  it.each([
    ['/add MSFT 12h', /the TTL is in whole days/],
    ['/add MSFT 1m', /the TTL is in whole days/],
    ['/add MSFT 2y', /the TTL is a number of days .* from 1 to 365, not "2y"/],
    ['/add MSFT 7d 2w', /"2w" reads as a duration, where the reason goes/],
    ['/add MSFT squeeze in 2w', /"2w" reads as a duration, where the reason goes/],
  ])('%s gets the usage line and adds nothing', async (text, message) => {
    const r = await say(text);
    expect(r.outcome).toBe('usage');
    expect(r.text).toMatch(message);
    expect(r.text).toContain('Usage: <code>/add SYM');
    expect(adhoc()).toEqual([]);
  });
});

describe('/buy refuses ambiguous and absurd numbers', () => {
  it.each([
    ['/buy GME 1,5 10', /the quantity "1,5" is ambiguous/],
    ['/buy GME 1,50 10', /the quantity "1,50" is ambiguous/],
    ['/buy GME 12,34,5 10', /the quantity "12,34,5" is ambiguous/],
    ['/buy GME 1e23 10', /the quantity is written in plain digits, not exponent notation/],
    ['/buy GME 2000000000 10', /the quantity is at most 1,000,000,000 shares/],
    ['/buy GME 10 1e3', /the price is written in plain digits/],
    ['/buy GME 10 $99,999,999.00', /the price is at most 10,000,000 dollars/],
  ])('%s gets the usage line and records nothing', async (text, message) => {
    const r = await say(text);
    expect(r.outcome).toBe('usage');
    expect(r.text).toMatch(message);
    expect(r.text).toContain('Usage: <code>/buy SYM QTY PRICE [thesis]</code>');
    expect(trades().n).toBe(0);
  });

  it('/buy GME 1,000 $10.50 reads thousands grouping as 1000 shares', async () => {
    const r = await say('/buy GME 1,000 $10.50');
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('Position: 1000 sh at an average cost of $10.50.');
  });
});

describe('tickers with digits and share classes', () => {
  it('/ticker R007 is looked up, not refused', async () => {
    const r = await say('/ticker R007');
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('I have no data for R007.');
  });

  it('/add R007 watches it', async () => {
    expect((await say('/add R007')).outcome).toBe('ok');
    expect(adhoc().map((a) => a.symbol)).toEqual(['R007']);
  });

  it('/buy R007 1 1 records the position', async () => {
    const r = await say('/buy R007 1 1');
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('Bought 1 <b>R007</b> at $1.00.');
    expect(trades().n).toBe(1);
  });

  it('/mute R007 mutes it', async () => {
    const r = await say('/mute R007');
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('<b>R007</b> alerts are muted in this chat');
  });

  it('BRK.B, BRK/B, BRK-B and $brk.b are one position, BRK/B', async () => {
    for (const spelling of ['BRK.B', 'BRK/B', 'BRK-B', '$brk.b'])
      expect((await say(`/buy ${spelling} 1 400`)).outcome).toBe('ok');
    expect((await say('/portfolio')).text).toContain('BRK/B');
    const held = app.db.$client.prepare(`SELECT DISTINCT symbol FROM position_trades`).all();
    expect(held).toEqual([{ symbol: 'BRK/B' }]);
  });

  it('/ticker 12345 is still refused: digits alone are a number', async () => {
    const r = await say('/ticker 12345');
    expect(r.outcome).toBe('usage');
    expect(r.text).toContain('"12345" is not a ticker');
  });
});
