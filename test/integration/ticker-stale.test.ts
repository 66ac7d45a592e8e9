import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { sayTo } from '../support/chat-surface';
import { flat, spikeLast, writeMarket } from '../support/market-fixture';
import { oneLine } from '../support/phone-width';

// A store of imported history asked about today: the card and chart fall back to the newest day held
// and say so, instead of a card of dashes.

describe('/ticker on a store whose bars end long before today', () => {
  let dir: string;
  let app: App;
  afterEach(() => {
    app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the newest day held, flags it, and charts up to it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'squeezebot-stale-'));
    app = createApp({
      dbPath: join(dir, 't.db'),
      env: {},
      clock: fakeClock('2026-11-27T23:00:00Z'),
      logLevel: 'silent',
    });
    writeMarket(app.db, '2024-06-14', 60, { HOT: { close: flat(20), volume: spikeLast(2e6, 5) } });
    const { outcome, text, photos } = await sayTo(app, '/ticker hot', { userName: 't' });
    const card = oneLine(text);
    expect(outcome).toBe('ok');
    expect(text).toMatch(/HOT<\/b>\n2024-06-14/);
    expect(card).toMatch(/\$20\.\d\d/);
    expect(card).toMatch(/no bars after 2024-06-14: this card is as of 2024-06-14, not 2026-11-27/);
    expect(photos.map((p) => p.caption).join('\n')).toMatch(/to 2024-06-14 \(the newest bars held\)/);
  });
});
