import { describe, expect, it } from 'vitest';
import { decideCooldown } from '../../src/alerts/cooldown';
import { testConfig } from '../support/config';

const cooldown = testConfig().alerting.cooldown; // high 7, medium 5, low 3 days

describe('alert cooldowns', () => {
  it.each([
    ['first alert of a symbol', null, 'low', '2021-01-13', true, 'first'],
    [
      'same level inside the high cooldown',
      { date: '2021-01-13', level: 'high' },
      'high',
      '2021-01-19',
      false,
      'cooldown',
    ],
    [
      'same level on the day the high cooldown ends',
      { date: '2021-01-13', level: 'high' },
      'high',
      '2021-01-20',
      true,
      'cooldown_over',
    ],
    [
      'a lower level inside the high cooldown',
      { date: '2021-01-13', level: 'high' },
      'medium',
      '2021-01-15',
      false,
      'cooldown',
    ],
    [
      'escalation from medium to high goes through at once',
      { date: '2021-01-13', level: 'medium' },
      'high',
      '2021-01-14',
      true,
      'escalation',
    ],
    ['low again after 3 days', { date: '2021-01-13', level: 'low' }, 'low', '2021-01-16', true, 'cooldown_over'],
    ['medium again after 4 days', { date: '2021-01-13', level: 'medium' }, 'medium', '2021-01-17', false, 'cooldown'],
  ] as const)('%s', (_name, last, level, date, send, reason) => {
    const d = decideCooldown(last, level, date, cooldown);
    expect(d.send).toBe(send);
    expect(d.reason).toBe(reason);
  });

  it('says until when a symbol is cooling down', () => {
    expect(decideCooldown({ date: '2021-01-13', level: 'high' }, 'high', '2021-01-15', cooldown)).toEqual({
      send: false,
      reason: 'cooldown',
      until: '2021-01-20',
      daysLeft: 5,
    });
  });
});
