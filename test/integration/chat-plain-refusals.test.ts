import { oneLine } from '../support/phone-width';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands';
import { createApp, type App } from '../../src/main';
import { fakeClock } from '../../src/shared/clock';
import { sayConfirmed, sayTo } from '../support/chat-surface';

// Every command with bad arguments through the real chat core over a real SQLite file: the refusal is
// plain words. Neither the validator's wording nor a config layer tag may reach a user.

const VALIDATOR_TEXT = /Expected .* received|Invalid (input|enum)|String must|Array must|Number must|\[from /;

/** Arguments no command takes as they are: junk, too many, negative, huge, a wrong kind. */
const BAD = ['x y z w v u t s r q p o n m', '-1', '99999999', '!!', 'GME -5 abc', 'on off maybe 2021-13-45'];

/** /set and /reset, the ones that reach the settings store, with values each kind of rule refuses. */
const SETTING_BAD = [
  '/set alerting.thresholds.high.squeeze_score abc',
  '/set alerting.thresholds.high.squeeze_score 7',
  '/set alerting.thresholds.high.squeeze_score 0.1',
  '/set alerting.thresholds.low.min_volume_spike 9',
  '/set alerting.cooldown.high_alert_days 2.5',
  '/set alerting.cooldown.high_alert_days -3',
  '/set alerting.quiet_hours.mode loud',
  '/set volume_detector.filters.min_price 900',
  '/set universe_loader.filters.exchanges [MOON]',
  '/set short_interest.yahoo_enabled perhaps',
  '/set app.timezone Mars/Olympus',
  '/set alerting.thresholds.high',
  '/set nothing.like.this 1',
  '/reset',
  '/reset a b',
];

let dir: string;
let app: App;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'squeezebot-plain-'));
  app = createApp({
    dbPath: join(dir, 'chat.db'),
    env: {},
    clock: fakeClock('2021-01-28T01:00:00Z'),
    logLevel: 'silent',
    // hundreds of commands in a second: a rate-limited silence would pass these tests for nothing
    tweak: (l) => (l.config.chat.rate_limit_per_minute = 10_000),
  });
});
afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('refusals in plain words', () => {
  it.each(COMMANDS.map((c) => c.name))(
    '/%s with bad arguments',
    async (name) => {
      for (const args of BAD) {
        const r = await sayTo(app, `/${name} ${args}`);
        expect(r.text, `/${name} ${args}`).not.toMatch(VALIDATOR_TEXT);
      }
    },
    60_000,
  );

  it.each(SETTING_BAD)('%s', async (text) => {
    const r = await sayTo(app, text);
    expect(r.outcome).toBe('usage');
    expect(r.text).not.toMatch(VALIDATOR_TEXT);
  });

  it('says what a setting needs with an example, and which rule a value breaks', async () => {
    const wrongKind = await sayTo(app, '/set alerting.thresholds.high.squeeze_score abc');
    expect(oneLine(wrongKind.text)).toContain(
      'High level: minimum score needs a number between 0 and 1, e.g. /set alerting.thresholds.high.squeeze_score 0.46.',
    );
    const rule = await sayTo(app, '/set alerting.thresholds.high.squeeze_score 0.4');
    expect(oneLine(rule.text)).toContain(
      "High level: minimum score must be at least the medium level's (0.42); 0.4 is below it.",
    );
    const below = await sayTo(app, '/set alerting.thresholds.low.squeeze_score 0.9');
    expect(oneLine(below.text)).toContain(
      "Low level: minimum score must be at most the medium level's (0.42); 0.9 is above it.",
    );
    const choice = await sayTo(app, '/set alerting.quiet_hours.mode loud');
    expect(oneLine(choice.text)).toContain('needs one of silent, hold');
    expect(app.loaded.config.alerting.thresholds.high.squeeze_score).toBe(0.46);
  });

  it('a /reset that would break a rule says the rule, not the layers', async () => {
    expect((await sayConfirmed(app, '/set alerting.thresholds.high.squeeze_score 0.9')).outcome).toBe('ok');
    expect((await sayConfirmed(app, '/set alerting.thresholds.medium.squeeze_score 0.8')).outcome).toBe('ok');
    // high back at its 0.46 default would sit below medium's 0.8
    const r = await sayTo(app, '/reset alerting.thresholds.high.squeeze_score');
    expect(r.outcome).toBe('usage');
    expect(oneLine(r.text)).toContain(
      "High level: minimum score can't go back to its default while other settings rely on it",
    );
    // medium was set last, so the rule is said from its side
    expect(oneLine(r.text)).toContain(
      "Medium level: minimum score must be at most the high level's (0.46); 0.8 is above it.",
    );
    expect(r.text).not.toMatch(VALIDATOR_TEXT);
    await sayConfirmed(app, '/reset alerting.thresholds.medium.squeeze_score');
    await sayConfirmed(app, '/reset alerting.thresholds.high.squeeze_score');
  });
});
