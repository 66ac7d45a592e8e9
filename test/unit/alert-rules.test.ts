import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/chat/args/alert.args';
import { parseQuietWindow, quietState } from '../../src/alerts/quiet-hours';
import { routeAlert } from '../../src/alerts/routing';
import { testConfig } from '../support/config';

const NY = 'America/New_York';

describe('quiet hours', () => {
  it.each([
    [
      'inside a window across midnight, before midnight',
      '2021-01-14T03:30:00Z',
      '22:00',
      '07:00',
      true,
      '2021-01-14T12:00:00.000Z',
    ],
    [
      'inside a window across midnight, after midnight',
      '2021-01-14T09:15:00Z',
      '22:00',
      '07:00',
      true,
      '2021-01-14T12:00:00.000Z',
    ],
    ['outside a window across midnight', '2021-01-14T17:00:00Z', '22:00', '07:00', false, null],
    ['on the end minute (the window is over)', '2021-01-14T12:00:00Z', '22:00', '07:00', false, null],
    ['inside a daytime window', '2021-01-14T15:00:00Z', '09:30', '16:00', true, '2021-01-14T21:00:00.000Z'],
  ] as const)('%s', (_name, now, start, end, quiet, endsAt) => {
    const s = quietState(new Date(now), { start, end }, NY);
    expect(s.quiet).toBe(quiet);
    if (endsAt) expect(s.endsAt.toISOString()).toBe(endsAt);
  });

  it.each([
    ['22:00-07:00', { start: '22:00', end: '07:00' }],
    ['09:30 - 16:00', { start: '09:30', end: '16:00' }],
    ['25:00-07:00', null],
    ['22:00-22:00', null],
    ['10pm-7am', null],
  ])('reads %s', (text, window) => {
    expect(parseQuietWindow(text)).toEqual(window);
  });
});

describe('mute durations', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['12h', 12 * 3_600_000],
    ['1d', 86_400_000],
    ['3', 3 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['0d', null],
    ['400d', null],
    ['soon', null],
    ['1y', 365 * 86_400_000], // at most a year
    ['2y', null],
    ['1e3', null],
  ])('%s', (raw, ms) => {
    expect(parseDuration(raw)).toBe(ms);
  });
});

describe('routing rules', () => {
  const alerting = testConfig((c) => {
    c.alerting.channels.telegram.chat_ids = ['111'];
    c.alerting.routing.rules.push({ kinds: ['squeeze'], severities: ['high'], chat_ids: ['-100900'] });
  }).alerting;
  const ctx = { chatChannel: 'telegram' as const, emailRecipients: ['desk@example.com'] };

  it.each([
    ['squeeze', 'low', ['telegram:111']],
    ['squeeze', 'high', ['telegram:111', 'telegram:-100900', 'email:desk@example.com']],
    ['system', 'info', []],
    ['system', 'warning', ['telegram:111']],
    ['system', 'emergency', ['telegram:111', 'email:desk@example.com']],
  ] as const)('%s %s', (kind, severity, expected) => {
    expect(routeAlert(kind, severity, alerting, ctx).map((r) => `${r.channel}:${r.target}`)).toEqual(expected);
  });

  it('sends chat alerts to the console once when there is no Telegram token, even with no chat ids', () => {
    const none = testConfig().alerting;
    expect(routeAlert('squeeze', 'high', alerting, { chatChannel: 'console', emailRecipients: [] })).toEqual([
      { channel: 'console', target: 'console' },
    ]);
    expect(routeAlert('squeeze', 'low', none, { chatChannel: 'console', emailRecipients: [] })).toEqual([
      { channel: 'console', target: 'console' },
    ]);
  });
});
