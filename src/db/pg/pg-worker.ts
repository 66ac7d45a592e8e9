import { workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { BridgeReply, BridgeRequest, BridgeStart } from './bridge-protocol';

// The worker thread behind sync-pg.ts: one PostgreSQL connection, answering one request at a time.
// The main thread waits on `signal` (Atomics.wait) while this thread awaits the server; the reply
// goes on the port first, then the signal is raised, so the main thread always finds it there.

const { url, port, signal } = workerData as BridgeStart & { port: MessagePort };

// bigint (int8) as a JavaScript number, as SQLite hands back its integers: counts and ids stay far
// below 2^53; a numeric never reaches us (the schema has none)
pg.types.setTypeParser(20, (v) => Number(v));

const client = new pg.Client({ connectionString: url });

function answer(reply: BridgeReply): void {
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function failure(err: unknown): BridgeReply {
  const e = err as { message?: string; code?: string; detail?: string };
  return { ok: false, message: e.message ?? String(err), code: e.code, detail: e.detail };
}

client.on('error', () => {
  // a dropped connection: the next request fails with the reason, and the store opens a new bridge
});

try {
  await client.connect();
  answer({ ok: true, rows: [], rowCount: 0, fields: [] });
} catch (err) {
  answer(failure(err));
}

port.on('message', (m: BridgeRequest) => {
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
