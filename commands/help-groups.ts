import type { HelpGroup } from '../src/chat/help';

/**
 * /help's groups: every command in exactly one (a test holds it), in the order the Telegram menu and
 * /help show them.
 */
export const HELP_GROUPS: readonly HelpGroup[] = [
  {
    key: 'discover',
    title: '🔍 Discover',
    description: 'ranking, scans, funnel',
    commands: ['top', 'scan', 'pipeline', 'basket', 'calendar'],
  },
  {
    key: 'ticker',
    title: '📊 Ticker',
    description: 'card, chart, short data',
    commands: ['ticker', 'chart', 'why', 'si', 'borrow', 'ftd', 'shortvol', 'darkpool'],
  },
  {
    key: 'alerts',
    title: '🔔 Alerts',
    description: 'alerts, mutes, quiet hours',
    commands: ['alerts', 'ack', 'mute', 'unmute', 'quiet', 'digest'],
  },
  {
    key: 'portfolio',
    title: '💼 Portfolio',
    description: 'watchlist and positions',
    commands: ['watchlist', 'add', 'remove', 'buy', 'sell', 'portfolio', 'dips'],
  },
  {
    key: 'reports',
    title: '📰 Reports',
    description: 'reports and hit rates',
    commands: ['report', 'performance', 'missed', 'suggest'],
  },
  {
    key: 'settings',
    title: '⚙️ Settings',
    description: 'your settings, status',
    commands: ['start', 'help', 'settings', 'thresholds', 'status'],
  },
  {
    key: 'admin',
    title: '🛠 Admin',
    description: 'users, jobs, changes',
    commands: ['users', 'jobs', 'set', 'reset', 'email', 'emergency_off', 'emergency_on'],
    minRole: 'admin',
  },
];
