// One bot replica for the multi-process inbox tests: the real telegraf transport in webhook mode over
// the shared SQLite file, answering `/echo` (webhook-updates.ts) through the fake Bot API.
// `node --import tsx test/support/inbox-child.ts <db> <apiRoot> <token> <secret> <leaseMs> <maxInFlight> [hang]`
// prints one JSON line {port, owner} once it takes updates, and stops cleanly on SIGTERM.
import { createApp } from '../../src/main';
import { systemClock } from '../../src/shared/clock';
import { createTelegramTransport } from '../../src/transports/telegram/telegram.transport';
import { testLogger } from './logger';
import { echoCore } from './webhook-updates';

const [dbPath, apiRoot, token, secret, leaseMs, maxInFlight, hang] = process.argv.slice(2);
if (!dbPath || !apiRoot || !token || !secret || !leaseMs || !maxInFlight) {
  console.error('usage: inbox-child.ts <db> <apiRoot> <token> <secret> <leaseMs> <maxInFlight> [hang]');
  process.exit(2);
}
const app = createApp({
  dbPath,
  env: { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot },
  logLevel: 'silent',
});
const config = structuredClone(app.loaded.config);
config.telegram.mode = 'webhook';
config.telegram.webhook = { url: 'https://bot.example.com/tg', listen_host: '127.0.0.1', listen_port: 0 };
const transport = createTelegramTransport({
  token,
  apiRoot,
  webhookSecret: secret,
  config,
  core: echoCore(app.chat.core, { hang: hang === 'hang' }),
  adminIds: () => [],
  clock: systemClock,
  logger: testLogger('silent'),
  inbox: app.repos.telegramInbox,
  inboxOptions: { leaseMs: Number(leaseMs), maxInFlight: Number(maxInFlight), pollMs: 100 },
  menuWaitMs: 0,
});
await transport.start();
console.log(JSON.stringify({ port: transport.webhookPort(), owner: transport.inboxOwner }));
process.once('SIGTERM', () => {
  void transport.stop({ graceMs: 2_000 }).finally(() => {
    app.close();
    process.exit(0);
  });
});
