import { workerData, type MessagePort } from 'node:worker_threads';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATION_LOCK_KEY } from './advisory-locks';
import type { BridgeReply, BridgeRequest, BridgeStart } from './bridge-protocol';

// The worker thread behind sync-pg.ts: one PostgreSQL connection, answering one request at a time.
// The main thread waits on `signal` (Atomics.wait) while this thread awaits the server; the reply
// goes on the port first, then the signal is raised, so the main thread always finds it there.

const { url, port, signal } = workerData as BridgeStart & { port: MessagePort };

/** How long connecting may take: the opener is blocked meanwhile, so a server that never answers must fail. */
const CONNECT_TIMEOUT_MS = 10_000;

// bigint (int8) as a JavaScript number, as SQLite hands back its integers: counts and ids stay far
// below 2^53
pg.types.setTypeParser(20, (v) => Number(v));
// numeric: what sum() and avg() give over integers; a float as SQLite's would be
pg.types.setTypeParser(1700, (v) => Number(v));

const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });

function answer(reply: BridgeReply): void {
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function failure(err: unknown): BridgeReply {
  const e = err as { message?: string; code?: string; detail?: string };
  return { ok: false, message: e.message ?? String(err), code: e.code, detail: e.detail };
}

const EMPTY: BridgeReply = { ok: true, rows: [], rowCount: 0, fields: [] };

client.on('error', () => {
  // a dropped connection: the next request fails with the reason, and the store opens a new bridge
});

// drizzle's PostgreSQL migrator reads the last applied migration and applies the rest without a lock:
// two processes starting together would both apply them; under the lock the second finds them applied
async function migrateUnderLock(folder: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await migrate(drizzle(client), { migrationsFolder: folder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

try {
  await client.connect();
  answer(EMPTY);
} catch (err) {
  answer(failure(err));
}

port.on('message', (m: BridgeRequest) => {
  if (m.op === 'migrate') {
    migrateUnderLock(m.text).then(
      () => answer(EMPTY),
      (err: unknown) => answer(failure(err)),
    );
    return;
  }
  const run: Promise<pg.QueryResult | pg.QueryResult[]> =
    m.op === 'exec'
      ? client.query(m.text)
      : m.array
        ? client.query({ text: m.text, values: m.values ?? [], rowMode: 'array' })
        : client.query({ text: m.text, values: m.values ?? [] });
  run.then(
    (r) => {
      const last = Array.isArray(r) ? r.at(-1) : r;
      answer({
        ok: true,
        rows: last?.rows ?? [],
        rowCount: last?.rowCount ?? 0,
        fields: last?.fields?.map((f) => f.name) ?? [],
      });
    },
    (err: unknown) => answer(failure(err)),
  );
});
