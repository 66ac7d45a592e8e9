import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { htmlToText } from '../../src/present/html';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { flat, spikeLast, steady, writeMarket } from '../support/market-fixture';
import { oneLine } from '../support/phone-width';

// Issue 13: /why TSLA said "Picked: rank 9" while its card said the funnel cut it at price filtering;
// an ad-hoc BB with no data ranked #10 at 0.00; /ticker BB said to /add BB while it was watched.

const AS_OF = '2021-01-22';
let dir: string;
let app: App;

async function say(text: string) {
  const said = await sayTo(app, text, { userId: '1', userName: 'u1', chatType: 'private', asOf: AS_OF });
  return oneLine(htmlToText(said.text));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-why-card-'));
  app = createApp({
    dbPath: join(dir, 'w.db'),
    env: { TELEGRAM_ADMIN_IDS: '1' },
    clock: fakeClock('2021-01-23T01:00:00Z'),
    logLevel: 'silent',
  });
  writeMarket(app.db, AS_OF, 60, {
    HOT: { close: flat(20), volume: spikeLast(2e6, 6) },
    // above max_price (500): the price filter cuts it; on the ad-hoc list, so scanned anyway
    TSLA: { close: flat(846), volume: spikeLast(2e6, 4) },
    CALM: { close: flat(10), volume: steady(1e6) },
  });
  app.adhoc.add('TSLA', { by: '1' });
  app.adhoc.add('BB', { by: '1' }); // the store holds nothing for BB
  await app.pipeline.run({ asOf: AS_OF });
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/why and the ticker card tell one story', () => {
  it('a funnel-cut ad-hoc name is "not picked" in both, with the stage that cut it', async () => {
    const why = await say('/why TSLA');
    const card = await say('/ticker TSLA');
    const sentence =
      /Not picked: the funnel cut it at price filter: price \$[\d,]+\.\d\d, above the \$500\.00 max; scanned because it is on the ad-hoc list \(scored rank \d+\)\./;
    expect(why).toMatch(sentence);
    expect(card).toMatch(sentence);
    expect(sentence.exec(why)![0]).toBe(sentence.exec(card)![0]);
    expect(why + card).not.toMatch(/Picked/);
  });

  it('a picked name says the same rank in both', async () => {
    const why = await say('/why HOT');
    const card = await say('/ticker HOT');
    const picked = /Picked: rank 1 of the top \d+\./;
    expect(why).toMatch(picked);
    expect(card).toMatch(picked);
  });

  it('an ad-hoc name with no data is not ranked, and /ticker does not say to /add it', async () => {
    const ranked = app.repos.chatReads.ranking(app.repos.chatReads.latestRunOnOrBefore(AS_OF)!.id, 25);
    expect(ranked.map((r) => r.symbol)).not.toContain('BB');
    expect(ranked.map((r) => r.symbol)).toContain('TSLA');
    expect(await say('/why BB')).toMatch(/Not scored: no data/);
    const card = await say('/ticker BB');
    expect(card).toMatch(/It is on the watchlist until \d{4}-\d\d-\d\d/);
    expect(card).not.toMatch(/\/add BB/);
    expect(await say('/ticker ZZZZ')).toMatch(/\/add ZZZZ/);
  });
});
