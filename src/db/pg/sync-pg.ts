import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { fromPackageRoot } from '../../shared/package-root';
import type { BridgeReply, BridgeRequest } from './bridge-protocol';

// PostgreSQL answered synchronously, as better-sqlite3 answers SQLite: the repos are synchronous (a
// statement's result is there on the next line), so the PostgreSQL store keeps that contract instead
// of turning every caller async. One worker thread owns the connection (pg-worker.ts); a request is
// posted to it and this thread blocks on a shared flag (Atomics.wait) until the reply is on the port,
// then takes it with receiveMessageOnPort. Measured on loopback: a keyed SELECT 0.34 ms p50 against
// 0.26 ms through pg's own async client. The event loop waits meanwhile, as it does for every SQLite
// statement; a replica serves its chats one statement at a time, and a deployment scales by replicas.

/** How long one statement may take before the bridge gives up on it (a lock wait included). */
export const STATEMENT_TIMEOUT_MS = 60_000;
/** How long opening may take: loading the worker, connecting (the worker gives up at 10 s), migrating. */
export const OPEN_TIMEOUT_MS = 120_000;

export class PgError extends Error {
  override readonly name = 'PgError';
  constructor(
    message: string,
    /** PostgreSQL's SQLSTATE (23505 unique violation, 40P01 deadlock, …) */
    readonly code: string | undefined,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface SyncPg {
  query(
    text: string,
    values?: unknown[],
    options?: { array?: boolean },
  ): { rows: unknown[]; rowCount: number; fields: string[] };
  /** one or more statements without parameters (simple protocol) */
  exec(text: string): void;
  /** applies the migrations in `folder` (drizzle's layout) under an advisory lock */
  migrate(folder: string): void;
  close(): void;
  readonly closed: boolean;
}

/** The worker's file: the built one beside the bundle, or the sources through tsx (tests, SQUEEZEBOT_FROM_SOURCE). */
function workerEntry(): string {
  return import.meta.url.includes('/dist/')
    ? fromPackageRoot('dist', 'pg-worker.js')
    : fromPackageRoot('src', 'db', 'pg', 'pg-worker-from-source.mjs');
}

/**
 * Starts the worker and waits for its connection. Blocking here is safe: the worker loads its modules
 * on its own thread (the from-source entry registers its own loader) and answers a failure to load or
 * connect as a reply, so the wait ends with the reason rather than at the timeout.
 */
export function openSyncPg(url: string): SyncPg {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerEntry(), { workerData: { url, port: port2, signal }, transferList: [port2] });
  let closed = false;

  const wait = (timeoutMs: number): BridgeReply => {
    const outcome = Atomics.wait(signal, 0, 0, timeoutMs);
    if (outcome === 'timed-out') {
      throw new PgError(`no answer from PostgreSQL within ${timeoutMs} ms`, undefined);
    }
    Atomics.store(signal, 0, 0);
    const m = receiveMessageOnPort(port1);
    if (!m) throw new PgError('the PostgreSQL worker stopped', undefined);
    return m.message as BridgeReply;
  };
  const unwrap = (reply: BridgeReply) => {
    if (!reply.ok) throw new PgError(reply.message, reply.code, reply.detail);
    return reply;
  };
  const request = (req: BridgeRequest, timeoutMs = STATEMENT_TIMEOUT_MS) => {
    if (closed) throw new PgError('the PostgreSQL connection is closed', undefined);
    port1.postMessage(req);
    return unwrap(wait(timeoutMs));
  };

  // the connection's own answer: a bad URL or a refused connection fails here, at open
  try {
    unwrap(wait(OPEN_TIMEOUT_MS));
    // from here the worker never keeps the process alive on its own: the store closes it, an exit ends it
    worker.unref();
  } catch (err) {
    closed = true;
    void worker.terminate();
    throw err;
  }

  return {
    query(text, values = [], options = {}) {
      const r = request({ op: 'query', text, values, array: options.array });
      return { rows: r.rows, rowCount: r.rowCount, fields: r.fields };
    },
    exec(text) {
      request({ op: 'exec', text });
    },
    migrate(folder) {
      request({ op: 'migrate', text: folder }, OPEN_TIMEOUT_MS);
    },
    close() {
      if (closed) return;
      closed = true;
      port1.close();
      void worker.terminate();
    },
    get closed() {
      return closed;
    },
  };
}
