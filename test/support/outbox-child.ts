// A delivery worker in a child process the restart test can SIGKILL mid-delivery:
// `node --import tsx test/support/outbox-child.ts <db> <journal>`. Its channel appends each outbox id
// to the journal (synchronously, before the worker records 'sent'), so the journal is what the
// "chat" received even when the kill lands between the send and the bookkeeping. Runs until killed.
import { appendFileSync } from 'node:fs';
import pino from 'pino';
import { openDb } from '../../src/db/client';
import type { DeliveryChannel } from '../../src/notify/delivery-channel';
import { systemClock } from '../../src/shared/clock';
import { testConfig } from './config';
import { outboxWorker } from './delivery';
import { createRepos } from '../../src/db/repos';

const [dbPath, journal] = process.argv.slice(2);
if (!dbPath || !journal) {
  console.error('usage: outbox-child.ts <db> <journal>');
  process.exit(2);
}
const db = openDb(dbPath);
const config = testConfig((c) => {
  c.alerting.delivery.per_chat_per_second = 100;
});
const channel: DeliveryChannel = {
  kind: 'telegram',
  async send(m) {
    await new Promise((r) => setTimeout(r, 5));
    appendFileSync(journal, `${m.id}\n`);
    return { externalId: String(m.id) };
  },
};
outboxWorker(createRepos(db), config, systemClock, {
  logger: pino({ level: 'silent' }),
  channels: [channel],
}).worker.start();
console.log('started');
