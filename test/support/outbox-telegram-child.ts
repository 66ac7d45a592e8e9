// A delivery worker in a child process sending through the real Telegram channel (telegraf, the real
// sender) to a fake Bot API, for the kill test: `node --import tsx test/support/outbox-telegram-child.ts
// <db> <apiRoot> <token>`. Prints "started", then runs until killed.
import pino from 'pino';
import { openDb } from '../../src/db/client';
import { createRepos } from '../../src/db/repos';
import { createTelegramClient, createTelegramSender } from '../../src/notify/telegram-sender';
import { createTelegramChannel } from '../../src/notify/telegram.channel';
import { systemClock } from '../../src/shared/clock';
import { testConfig } from './config';
import { outboxWorker } from './delivery';

const [dbPath, apiRoot, token] = process.argv.slice(2);
if (!dbPath || !apiRoot || !token) {
  console.error('usage: outbox-telegram-child.ts <db> <apiRoot> <token>');
  process.exit(2);
}
const logger = pino({ level: 'silent' });
const config = testConfig((c) => {
  c.alerting.delivery.per_chat_per_second = 100;
});
const sender = createTelegramSender({ telegram: createTelegramClient({ token, apiRoot }), logger });
outboxWorker(createRepos(openDb(dbPath)), config, systemClock, {
  logger,
  channels: [createTelegramChannel({ sender, logger })],
}).worker.start();
console.log('started');
