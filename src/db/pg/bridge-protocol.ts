import type { MessagePort } from 'node:worker_threads';

// What the main thread and the PostgreSQL worker (pg-worker.ts) say to each other (sync-pg.ts).

export interface BridgeRequest {
  /**
   * query: one statement with parameters (extended protocol); exec: several without (simple protocol);
   * migrate: apply the migrations in the folder `text` under an advisory lock
   */
  op: 'query' | 'exec' | 'migrate';
  text: string;
  values?: unknown[];
  /** rows as arrays of values in column order, not objects */
  array?: boolean;
}

export type BridgeReply =
  | { ok: true; rows: unknown[]; rowCount: number; fields: string[] }
  | { ok: false; message: string; code?: string; detail?: string };

export interface BridgeStart {
  url: string;
  port: MessagePort;
  /** [0]: 1 once the worker has answered (or connected), set back to 0 by the caller before each request */
  signal: Int32Array;
}
